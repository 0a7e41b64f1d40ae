namespace Pdo.Domain;

/// <summary>
/// Thrown by an entity that refuses a change breaking one of its rules. The message is Italian and is meant to
/// be shown to the user as it is.
/// </summary>
public sealed class DomainRuleException(string message) : Exception(message);

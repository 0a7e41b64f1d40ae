using System.Text.RegularExpressions;

namespace Pdo.Domain.Plans;

/// <summary>Shared argument rules of the entities, each with an Italian message.</summary>
internal static partial class Guard
{
    public static string Code(string? code, string ofWhat)
    {
        if (string.IsNullOrWhiteSpace(code) || !CodePattern().IsMatch(code.Trim()))
        {
            throw new DomainRuleException(
                $"Il codice {ofWhat} è obbligatorio e può contenere solo lettere, cifre, punto, trattino e trattino basso (massimo 40 caratteri).");
        }

        return code.Trim();
    }

    public static string Text(string? text, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainRuleException($"{what} è obbligatorio.");
        }

        var trimmed = text.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new DomainRuleException($"{what} supera la lunghezza massima di {maxLength} caratteri.");
        }

        return trimmed;
    }

    public static string? OptionalText(string? text, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Text(text, what, maxLength);
    }

    public static decimal Weight(decimal weight)
    {
        if (weight < 0 || weight > 1000)
        {
            throw new DomainRuleException("Il peso deve essere un numero tra 0 e 1000.");
        }

        return weight;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,40}$")]
    private static partial Regex CodePattern();
}

namespace Pdo.Domain.Oversight;

/// <summary>An answer in the thread of an <see cref="Observation"/>: its text, the author's role and full name, the time.</summary>
public sealed class ObservationMessage
{
    private ObservationMessage()
    {
        Text = string.Empty;
        AuthorUserName = string.Empty;
        AuthorName = string.Empty;
    }

    internal ObservationMessage(Observation observation, string text, OversightActor author, DateTimeOffset at)
    {
        Observation = observation;
        Text = text;
        AuthorRole = author.Role;
        AuthorUserName = author.UserName;
        AuthorName = author.FullName;
        WrittenAt = at;
    }

    public int Id { get; private set; }

    public int ObservationId { get; private set; }

    public Observation? Observation { get; private set; }

    /// <summary>The answer (format: <see cref="Values.NarrativeText"/>).</summary>
    public string Text { get; private set; }

    public OversightRole AuthorRole { get; private set; }

    public string AuthorUserName { get; private set; }

    public string AuthorName { get; private set; }

    public DateTimeOffset WrittenAt { get; private set; }
}

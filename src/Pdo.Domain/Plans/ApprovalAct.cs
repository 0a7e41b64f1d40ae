namespace Pdo.Domain.Plans;

/// <summary>The act approving the consuntivo, e.g. Delibera di Giunta n. 501 del 14-04-2020.</summary>
public sealed record ApprovalAct
{
    public ApprovalAct(string number, DateOnly date, string? link, string? description = null)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            throw new DomainRuleException("Il numero della delibera è obbligatorio.");
        }

        if (link is not null && !Uri.TryCreate(link, UriKind.Absolute, out _))
        {
            throw new DomainRuleException("Il link della delibera non è un indirizzo valido.");
        }

        Number = number.Trim();
        Date = date;
        Link = string.IsNullOrWhiteSpace(link) ? null : link.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }

    public string Number { get; private init; }

    public DateOnly Date { get; private init; }

    public string? Link { get; private init; }

    public string? Description { get; private init; }
}

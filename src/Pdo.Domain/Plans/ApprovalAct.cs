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

        // A web address only: the link is rendered as an href, and on Unix "/path" would parse as an absolute file URI.
        if (!string.IsNullOrWhiteSpace(link)
            && !(Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            throw new DomainRuleException("Il link della delibera non è un indirizzo valido (deve iniziare con https:// o http://).");
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

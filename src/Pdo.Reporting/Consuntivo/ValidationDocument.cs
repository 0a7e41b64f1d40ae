using Pdo.Reporting.Layout;
using Pdo.Reporting.Model;
using static Pdo.Reporting.Consuntivo.ReportTheme;

namespace Pdo.Reporting.Consuntivo;

/// <summary>The OIV's validation document: ente, plan, act, outcome, date, reasoning, signer; the consuntivo's layout and theme.</summary>
internal static class ValidationDocument
{
    public static ReportLayout Lay(ValidationReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var f = new FlowLayout();
        f.NewPage();
        f.BeginGroup("Sect");
        f.Paragraph(r.Organisation, BodyStrong, spaceAfter: 4);
        f.Heading(r.DocumentTitle, 1, H1, outlineLevel: 1, spaceAfter: 10);
        f.Fact("Piano:", r.PlanTitle, BodyStrong, Body);
        f.Fact("Atto di approvazione:", r.ApprovalText, BodyStrong, Body);
        f.Fact("Esito:", r.Outcome, BodyStrong, Body);
        f.Fact("Data della validazione:", r.Date, BodyStrong, Body, spaceAfter: 10);
        f.Heading("Motivazione", 2, H2, outlineLevel: 2, spaceBefore: 6, spaceAfter: 4);
        ConsuntivoDocument.LayNarrative(f, r.Reasoning);
        if (r.Reservations.Count > 0)
        {
            f.Heading("Riserve", 2, H2, outlineLevel: 2, spaceBefore: 6, spaceAfter: 4);
            ConsuntivoDocument.LayNarrative(f, r.Reservations);
        }

        f.Heading("Firma", 2, H2, outlineLevel: 2, spaceBefore: 10, spaceAfter: 4);
        f.Fact("Firmata da:", $"{r.SignedBy}, {r.SignerRole}", BodyStrong, Body);
        f.Fact("Registrata nel portale il:", r.RecordedAt, BodyStrong, Body);
        f.EndGroup();
        var furniture = new PageFurniture($"{r.Organisation} · {r.DocumentTitle}", r.PlanTitle, $"Generato da Pdo il {r.GeneratedOn}", Furniture);
        var info = new DocumentInfo(r.DocumentTitle, r.Organisation, $"Validazione dell'OIV della Relazione sulla Performance del {r.PlanTitle}: {r.Outcome}", $"PDO; OIV; validazione; Relazione sulla Performance; {r.Year}")
        {
            CreatedAt = r.GeneratedAt,
        };
        return f.Finish(furniture, info);
    }
}

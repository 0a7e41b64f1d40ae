using Pdo.Reporting.Consuntivo;
using Pdo.Reporting.Layout;
using Pdo.Reporting.Model;

namespace Pdo.Reporting;

/// <summary>Writes the consuntivo of a plan (or of one section or Direzione) as a tagged PDF.</summary>
public static class ConsuntivoPdf
{
    /// <summary>Lays out and writes <paramref name="report"/> to <paramref name="output"/>; returns the page count.</summary>
    public static int Write(ConsuntivoReport report, Stream output, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var layout = ConsuntivoDocument.Lay(report);
        PdfRenderer.Render(layout, output, options ?? new RenderOptions());
        return layout.Pages.Count;
    }

    /// <summary>Writes the OIV's validation document to <paramref name="output"/>, tagged like the consuntivo; returns the page count.</summary>
    public static int WriteValidation(ValidationReport report, Stream output, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var layout = ValidationDocument.Lay(report);
        PdfRenderer.Render(layout, output, options ?? new RenderOptions());
        return layout.Pages.Count;
    }
}

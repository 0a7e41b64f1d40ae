using System.Diagnostics;
using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.Structure;
using PdfSharp.UniversalAccessibility;
using Pdo.Reporting;
using Pdo.Reporting.Consuntivo;
using Pdo.Reporting.Layout;

namespace Pdo.Benchmarks;

/// <summary>
/// The reference of the per-page cost (issue #18 item 1, docs/benchmarks.md): raw PDFsharp writing the same pages —
/// every text run, rectangle and rule of the consuntivo, already positioned (the layout is done before the clock
/// starts) — tagged the plainest way PDFsharp allows: one structure element per block (P, H1–H3, TD, TH, LI …) whose
/// content is one marked-content sequence (BDC/EMC with an MCID), the page's parent array, a flat parent tree; fonts
/// subset-embedded, the document saved. What it does not do, and the portal does: reading the report model, line
/// breaking and measuring, tables and page breaks, nesting (Sect, Table, TR, L), links, artifacts, bookmarks.
/// </summary>
internal static class RawPdfReference
{
    private static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset);

    /// <summary>Writes the laid-out pages of <paramref name="layout"/> with raw PDFsharp; returns the page count.</summary>
    public static int Write(ReportLayout layout, Stream output)
    {
        Pdo.Reporting.Fonts.ReportFonts.EnsureRegistered();
        using var document = new PdfDocument();
        var catalog = document.Internals.Catalog;
        catalog.Elements.SetString("/Lang", "it-IT");
        var markInfo = new PdfMarkInformation();
        markInfo.Elements.SetBoolean("/Marked", true);
        catalog.Elements.SetObject("/MarkInfo", markInfo);
        var treeRoot = document.Internals.CreateIndirectObject<PdfStructureTreeRoot>();
        catalog.Elements.SetReference("/StructTreeRoot", treeRoot);
        var root = document.Internals.CreateIndirectObject<PdfStructureElement>();
        root.Elements.SetName("/S", "/Document");
        root.Elements.SetReference("/P", treeRoot);
        var rootKids = new PdfArray();
        treeRoot.Elements.SetObject("/K", rootKids);
        rootKids.Elements.Add(root.ReferenceNotNull);
        var kids = new PdfArray();
        root.Elements.SetObject("/K", kids);
        var nums = new PdfArray();

        var fonts = new Dictionary<(Pdo.Reporting.Fonts.FontFace, double), XFont>();
        var brushes = new Dictionary<Rgb, XSolidBrush>();
        var pens = new Dictionary<(Rgb, double), XPen>();
        var key = 0;
        foreach (var page in layout.Pages)
        {
            var pdfPage = document.AddPage();
            pdfPage.Width = XUnit.FromPoint(FlowLayout.PageWidth);
            pdfPage.Height = XUnit.FromPoint(FlowLayout.PageHeight);
            var parents = new PdfArray();
            pdfPage.Elements.SetInteger("/StructParents", key);
            nums.Elements.Add(new PdfInteger(key++));
            nums.Elements.Add(parents);
            using var gfx = XGraphics.FromPdfPage(pdfPage);
            var content = gfx.Internals.ContentStringBuilder!;
            PdfStructureElement? open = null;
            var mcid = 0;
            foreach (var op in page.Ops)
            {
                switch (op)
                {
                    case BeginTagOp { Kind: TagKind.Block or TagKind.Inline or TagKind.Figure } tag:
                        open = document.Internals.CreateIndirectObject<PdfStructureElement>();
                        open.Elements.SetName("/S", "/" + tag.Tag);
                        open.Elements.SetReference("/P", root);
                        open.Elements.SetReference("/Pg", pdfPage);
                        open.Elements.SetInteger("/K", mcid);
                        kids.Elements.Add(open.ReferenceNotNull);
                        parents.Elements.Add(open.ReferenceNotNull);
                        PdfRendererExtensions.BeginGraphicMode(gfx);
                        content.Append('/').Append(tag.Tag).Append(" <</MCID ").Append(mcid++.ToString(CultureInfo.InvariantCulture)).Append(">> BDC\n");
                        break;
                    case EndTagOp when open is not null:
                        PdfRendererExtensions.BeginGraphicMode(gfx);
                        content.Append("EMC\n");
                        open = null;
                        break;
                    case TextOp t:
                        if (!fonts.TryGetValue((t.Style.Face, t.Style.Size), out var font))
                        {
                            font = FontCache.Create(t.Style.Face, t.Style.Size);
                            fonts[(t.Style.Face, t.Style.Size)] = font;
                        }

                        gfx.DrawString(t.Text, font, Brush(brushes, t.Style.Color), t.X, t.Baseline);
                        break;
                    case RectOp { Fill: Rgb fill } r:
                        gfx.DrawRectangle(Brush(brushes, fill), r.X, r.Y, r.Width, r.Height);
                        break;
                    case RectOp { Stroke: Rgb stroke } r:
                        gfx.DrawRectangle(Pen(pens, stroke, r.StrokeWidth), r.X, r.Y, r.Width, r.Height);
                        break;
                    case LineOp l:
                        gfx.DrawLine(Pen(pens, l.Color, l.Width), l.X1, l.Y1, l.X2, l.Y2);
                        break;
                }
            }

            if (open is not null)
            {
                PdfRendererExtensions.BeginGraphicMode(gfx);
                content.Append("EMC\n");
            }
        }

        var parentTree = new PdfDictionary();
        parentTree.Elements.SetObject("/Nums", nums);
        document.Internals.AddObject(parentTree);
        treeRoot.Elements.SetReference("/ParentTree", parentTree);
        treeRoot.Elements.SetInteger("/ParentTreeNextKey", key);
        document.Save(output, closeStream: false);
        return layout.Pages.Count;
    }

    private static XSolidBrush Brush(Dictionary<Rgb, XSolidBrush> brushes, Rgb color)
    {
        if (!brushes.TryGetValue(color, out var brush))
        {
            brush = new XSolidBrush(XColor.FromArgb(color.R, color.G, color.B));
            brushes[color] = brush;
        }

        return brush;
    }

    private static XPen Pen(Dictionary<(Rgb, double), XPen> pens, Rgb color, double width)
    {
        if (!pens.TryGetValue((color, width), out var pen))
        {
            pen = new XPen(XColor.FromArgb(color.R, color.G, color.B), width);
            pens[(color, width)] = pen;
        }

        return pen;
    }
}

/// <summary>
/// <c>--per-page [objectives…]</c>: per size, best of 3 after a warm-up, the portal's whole PDF (<see cref="ConsuntivoPdf.Write"/>:
/// layout, drawing, tags, saving) against <see cref="RawPdfReference"/> on the same pages, in the same process; the
/// portal's time split into layout / drawing and tags / saving, and the CPU time of each (steadier than the wall clock on
/// a loaded machine). Memory: bytes allocated and the live managed heap
/// after each phase (the layout is freed page by page while it is drawn).
/// </summary>
internal static class PerPageRun
{
    public static void Run(int[] sizes)
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
        Console.WriteLine("objectives | pages | portal s | raw s | ÷ raw | portal ms/page | raw ms/page | lay / draw+save s | CPU s portal / raw | CPU ÷ raw | allocated MB portal / raw | PDF MB portal / raw");
        foreach (var objectives in sizes)
        {
            var report = Pdo.Benchmarks.SyntheticReport.Create(objectives);
            Measure(report, out _, out _, out _);
            MeasureRaw(report, out _, out _);
            double best = double.MaxValue, bestRaw = double.MaxValue, lay = 0, cpu = double.MaxValue, cpuRaw = double.MaxValue;
            long allocated = 0, allocatedRaw = 0, bytes = 0, bytesRaw = 0;
            var pages = 0;
            for (var i = 0; i < 3; i++)
            {
                var (total, layout, processor) = Measure(report, out pages, out allocated, out bytes);
                if (total < best)
                {
                    best = total;
                    lay = layout;
                }

                cpu = Math.Min(cpu, processor);
                var (totalRaw, processorRaw) = MeasureRaw(report, out allocatedRaw, out bytesRaw);
                bestRaw = Math.Min(bestRaw, totalRaw);
                cpuRaw = Math.Min(cpuRaw, processorRaw);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{objectives,10} | {pages,5} | {best,8:0.000} | {bestRaw,5:0.000} | {best / bestRaw,5:0.00} | {best / pages * 1000,14:0.00} | {bestRaw / pages * 1000,11:0.00} | {lay:0.000} / {best - lay:0.000} | {cpu:0.000} / {cpuRaw:0.000} | {cpu / cpuRaw:0.00} | {allocated / 1048576.0:0} / {allocatedRaw / 1048576.0:0} | {bytes / 1048576.0:0.0} / {bytesRaw / 1048576.0:0.0}"));
        }
    }

    private static (double Total, double Layout, double Cpu) Measure(Pdo.Reporting.Model.ConsuntivoReport report, out int pages, out long allocated, out long bytes)
    {
        Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var output = TemporaryFile();
        var cpu = ProcessorSeconds();
        var watch = Stopwatch.StartNew();
        var laid = ConsuntivoDocument.Lay(report);
        var layout = watch.Elapsed.TotalSeconds;
        PdfRenderer.Render(laid, output, new RenderOptions());
        watch.Stop();
        cpu = ProcessorSeconds() - cpu;
        pages = laid.Pages.Count;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        bytes = output.Length;
        return (watch.Elapsed.TotalSeconds, layout, cpu);
    }

    private static (double Total, double Cpu) MeasureRaw(Pdo.Reporting.Model.ConsuntivoReport report, out long allocated, out long bytes)
    {
        var laid = ConsuntivoDocument.Lay(report);
        Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var output = TemporaryFile();
        var cpu = ProcessorSeconds();
        var watch = Stopwatch.StartNew();
        RawPdfReference.Write(laid, output);
        watch.Stop();
        cpu = ProcessorSeconds() - cpu;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        bytes = output.Length;
        return (watch.Elapsed.TotalSeconds, cpu);
    }

    /// <summary>
    /// CPU time of the whole process (the writing thread and the GC's): on a loaded machine the wall clock counts the
    /// time the thread waited for a core, the CPU time does not, so its ratio is the steadier one.
    /// </summary>
    private static double ProcessorSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>As the portal writes: to a file (a MemoryStream of a 20 MB PDF would hold 32 MB of buffers).</summary>
    private static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), $"pdo-bench-{Guid.NewGuid():N}.pdf"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}

using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using Pdo.Reporting.Fonts;
using Pdo.Reporting.Layout;
using Pdo.Reporting.Tests.Support;
using UglyToad.PdfPig;

namespace Pdo.Reporting.Tests.Layout;

public sealed partial class FlowLayoutTests
{
    private static readonly string LongText = string.Join(' ', Enumerable.Range(1, 400).Select(i => i % 7 == 0 ? "raggiungimento" : i % 3 == 0 ? "obiettivi" : "del")) + " fine.";

    [Fact]
    public void WrapsAParagraphInsideTheMarginsGivenTextMuchWiderThanTheBody()
    {
        var flow = new FlowLayout();
        flow.Paragraph(LongText, Pdf.Body, TextAlign.Justify);
        flow.Paragraph("Supercalifragilistichespiralidoso" + new string('x', 200), Pdf.Body);

        var bytes = Pdf.Write(flow);

        using var pdf = PdfDocument.Open(bytes);
        var page = pdf.GetPage(1);
        var body = page.Letters.Where(l => l.StartBaseLine.Y < page.Height - flow.Top + 10 && l.StartBaseLine.Y > FlowLayout.PageHeight - flow.Bottom).ToList();
        Assert.True(body.Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count() > 10, "The paragraph should wrap onto many lines.");
        Assert.All(body.Where(l => l.Value != " "), l =>
        {
            Assert.True(l.BoundingBox.Left >= flow.Left - 0.5, $"«{l.Value}» starts left of the margin at {l.BoundingBox.Left}");
            Assert.True(l.BoundingBox.Right <= flow.Right + 0.5, $"«{l.Value}» ends right of the margin at {l.BoundingBox.Right}");
        });
    }

    [Fact]
    public void JustifiesFullLinesToBothMarginsGivenAJustifiedParagraph()
    {
        var flow = new FlowLayout();
        flow.Paragraph(LongText, Pdf.Body, TextAlign.Justify);

        using var pdf = PdfDocument.Open(Pdf.Write(flow));
        var lines = pdf.GetPage(1).Letters.Where(l => l.Value != " " && l.StartBaseLine.Y < FlowLayout.PageHeight - flow.Top + 10 && l.StartBaseLine.Y > FlowLayout.PageHeight - flow.Bottom)
            .GroupBy(l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(g => g.Key).ToList();
        foreach (var line in lines.Take(lines.Count - 1))
        {
            Assert.InRange(line.Max(l => l.BoundingBox.Right), flow.Right - 1.5, flow.Right + 0.5);
        }
    }

    [Fact]
    public void DrawsEveryLetterInsideThePageBoxGivenEveryKindOfBlock()
    {
        var flow = EveryBlock();

        using var pdf = PdfDocument.Open(Pdf.Write(flow, watermark: "BOZZA"));

        Assert.True(pdf.NumberOfPages >= 3);
        foreach (var page in pdf.GetPages())
        {
            Assert.All(page.Letters.Where(l => l.Value != " "), l => Assert.True(
                l.BoundingBox.Left >= 0 && l.BoundingBox.Bottom >= 0 && l.BoundingBox.Right <= page.Width && l.BoundingBox.Top <= page.Height,
                $"«{l.Value}» on page {page.Number} at {l.BoundingBox}"));
            var content = page.Letters.Where(l => l.Value != " " && l.PointSize < 50 && l.StartBaseLine.Y > 20 && l.StartBaseLine.Y < page.Height - 20).ToList();
            Assert.All(content, l => Assert.InRange(l.BoundingBox.Left, flow.Left - 0.5, flow.Right + 0.5));
            Assert.All(content, l => Assert.InRange(l.BoundingBox.Right, flow.Left - 0.5, flow.Right + 0.5));
        }
    }

    [Fact]
    public void RepeatsTheHeaderRowAndNeverSplitsARowGivenATableLongerThanAPage()
    {
        var flow = new FlowLayout();
        flow.Paragraph("Tabella lunga", Pdf.Body);
        var rows = Enumerable.Range(1, 90).Select(i => new TableRow(
        [
            new TableCell([new CellText($"Inizio {i:000}", Pdf.Body), new CellText("seconda riga della cella", Pdf.Body), new CellText($"Fine {i:000}", Pdf.Small)]),
            new TableCell($"{i} %", Pdf.Body),
        ])).ToList();
        flow.Table(new TableSpec([new TableColumn("Colonna KPI", 3), new TableColumn("Colonna valore", 1, TextAlign.Right)], rows, Pdf.Body));

        var pages = Pdf.PageTexts(Pdf.Write(flow));

        Assert.True(pages.Count >= 3, $"Expected the table to run over several pages, got {pages.Count}.");
        Assert.All(pages, p => Assert.Contains("Colonna KPI", p));
        for (var i = 1; i <= 90; i++)
        {
            var start = pages.FindIndex(p => p.Contains($"Inizio {i:000}", StringComparison.Ordinal));
            var end = pages.FindIndex(p => p.Contains($"Fine {i:000}", StringComparison.Ordinal));
            Assert.True(start >= 0 && start == end, $"Row {i} starts on page {start + 1} and ends on page {end + 1}.");
        }
    }

    [Fact]
    public void CutsARowBetweenLinesGivenARowTallerThanAPage()
    {
        var flow = new FlowLayout();
        var tall = string.Join(' ', Enumerable.Range(1, 1500).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        flow.Table(new TableSpec([new TableColumn("Testo", 1)], [new TableRow([new TableCell(tall, Pdf.Body)]), new TableRow([new TableCell("Ultima riga", Pdf.Body)])], Pdf.Body));

        using var pdf = PdfDocument.Open(Pdf.Write(flow));

        Assert.True(pdf.NumberOfPages >= 2);
        var text = string.Join(' ', pdf.GetPages().Select(Pdf.PageText));
        Assert.Contains(" 1500 ", text);
        Assert.Contains("Ultima riga", text);
        Assert.All(pdf.GetPages(), p => Assert.All(p.Letters, l => Assert.True(l.BoundingBox.Bottom >= 0 && l.BoundingBox.Top <= p.Height)));
    }

    [Fact]
    public void PrintsPaginaXDiYOnEveryPageGivenAMultiPageDocument()
    {
        var flow = new FlowLayout();
        for (var i = 0; i < 6; i++)
        {
            flow.Paragraph(LongText, Pdf.Body, TextAlign.Justify);
        }

        var pages = Pdf.PageTexts(Pdf.Write(flow));

        Assert.True(pages.Count > 2);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Pagina {i + 1} di {pages.Count}", pages[i]);
        }
    }

    [Fact]
    public void KeepsAHeadingOnThePageOfTheTextThatFollowsGivenAHeadingAtTheBottomOfAPage()
    {
        var flow = new FlowLayout();
        while (flow.PageCount < 2 && flow.Remaining > 40)
        {
            flow.Paragraph("Riempimento della pagina fino in fondo.", Pdf.Body);
        }

        flow.Heading("Titolo da non lasciare solo", 2, Pdf.Heading, outlineLevel: 0);
        flow.Paragraph("Il testo che segue il titolo.", Pdf.Body);

        var pages = Pdf.PageTexts(Pdf.Write(flow));

        var heading = pages.FindIndex(p => p.Contains("Titolo da non lasciare solo", StringComparison.Ordinal));
        Assert.Equal(heading, pages.FindIndex(p => p.Contains("Il testo che segue il titolo.", StringComparison.Ordinal)));
        Assert.Equal(1, heading);
    }

    [Fact]
    public void EmbedsEveryFontAsTitilliumWebGivenAnyDocument()
    {
        var bytes = Pdf.Write(EveryBlock());

        using var pdf = PdfDocument.Open(bytes);
        Assert.All(pdf.GetPages().SelectMany(p => p.Letters), l => Assert.Contains("Titillium", l.FontName, StringComparison.Ordinal));
        var descriptors = FontDescriptor().Matches(Pdf.Raw(bytes));
        Assert.True(descriptors.Count >= 3, $"Expected a descriptor per face, found {descriptors.Count}.");
        Assert.All(descriptors, d => Assert.Contains("/FontFile2", d.Value));
    }

    [Fact]
    public void AddsBookmarksAndClickableContentsGivenHeadingsWithAnchors()
    {
        var flow = new FlowLayout();
        var anchors = Enumerable.Range(1, 3).Select(_ => flow.ReserveAnchor()).ToList();
        flow.Heading("Indice", 1, Pdf.Heading, outlineLevel: 1);
        flow.TableOfContents(anchors.Select((a, i) => new TocEntry($"Capitolo {i + 1}", 1, a)).ToList(), Pdf.Body, Pdf.Body);
        for (var i = 0; i < 3; i++)
        {
            flow.NewPage();
            flow.Heading($"Capitolo {i + 1}", 1, Pdf.Heading, outlineLevel: 1, anchor: anchors[i]);
            flow.Paragraph(LongText, Pdf.Body);
        }

        var bytes = Pdf.Write(flow);

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        Assert.Equal(["Indice", "Capitolo 1", "Capitolo 2", "Capitolo 3"], bookmarks.Roots.Select(b => b.Title));
        var toc = Pdf.PageText(pdf.GetPage(1));
        Assert.Contains("Capitolo 1 2", toc);
        Assert.Contains("Capitolo 3 4", toc);
        var links = pdf.GetPage(1).GetAnnotations().Where(a => a.Type == UglyToad.PdfPig.Annotations.AnnotationType.Link).ToList();
        Assert.Equal(3, links.Count);
        Assert.Equal(3, DestinationLink().Matches(Pdf.Raw(bytes)).Count);
    }

    [Fact]
    public void KeepsThePageCountGivenTheSameInputLaidOutTwice()
    {
        using var first = PdfDocument.Open(Pdf.Write(EveryBlock()));
        using var second = PdfDocument.Open(Pdf.Write(EveryBlock()));

        Assert.Equal(first.NumberOfPages, second.NumberOfPages);
    }

    [Fact]
    public void WritesTitleAuthorSubjectAndItalianLanguageGivenTheDocumentInfo()
    {
        var bytes = Pdf.Write(EveryBlock());

        using var pdf = PdfDocument.Open(bytes);
        Assert.Equal("Documento di prova", pdf.Information.Title);
        Assert.Equal("Comune di Milano", pdf.Information.Author);
        Assert.Equal("Prova del layout", pdf.Information.Subject);
        var raw = Pdf.Raw(bytes);
        Assert.Matches(@"/Lang\s*\(it-IT\)", raw);
        Assert.Matches(@"/MarkInfo\s*<<\s*/Marked\s+true", raw);
        Assert.Matches(@"/StructTreeRoot\s+\d+ 0 R", raw);
        Assert.Matches(@"/DisplayDocTitle\s+true", raw);
    }

    [Fact]
    public void TagsHeadingsParagraphsListsTablesAndFiguresGivenEveryKindOfBlock()
    {
        var raw = Pdf.Raw(Pdf.Write(EveryBlock()));

        foreach (var tag in new[] { "/H1", "/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD", "/Figure", "/TOC", "/Link" })
        {
            Assert.Matches($@"/S\s*{tag}\b", raw);
        }

        Assert.Matches(@"/S\s*/Figure(?:(?!endobj).)*?/Alt\s*[<(]", raw);
    }

    [Fact]
    public void DrawsTheWatermarkOnEveryPageGivenADraft()
    {
        var pages = Pdf.PageTexts(Pdf.Write(EveryBlock(), watermark: "BOZZA"));

        Assert.All(pages, p => Assert.Contains("BOZZA", p));
    }

    [Fact]
    public void DrawsTheImageGivenAPng()
    {
        var flow = new FlowLayout();
        flow.Image(Png(40, 20), 200, 100, "Riquadro blu");

        using var pdf = PdfDocument.Open(Pdf.Write(flow));

        var image = Assert.Single(pdf.GetPage(1).GetImages());
        Assert.Equal(40, image.WidthInSamples);
        Assert.InRange(image.BoundingBox.Width, 199.5, 200.5);
    }

    [Fact]
    public void MeasuresAsPdfSharpDoesGivenASentenceWithAccentsAndSymbols()
    {
        const string sentence = "Grado di raggiungimento ≥ 91,1 % — Città, perché «più» è già l’80%";
        foreach (var face in Enum.GetValues<FontFace>())
        {
            var gfx = XGraphics.CreateMeasureContext(new XSize(1000, 1000), XGraphicsUnit.Point, XPageDirection.Downwards);
            var expected = gfx.MeasureString(sentence, FontCache.Get(face, 11)).Width;

            Assert.Equal(expected, FontMetrics.Width(face, sentence, 11), 3);
        }
    }

    [Fact]
    public void SubstitutesOnlyTheCharactersTheFontLacksGivenItalianTextWithAnArrow()
    {
        Assert.True(GlyphCoverage.Has('≥'));
        Assert.True(GlyphCoverage.Has('’'));
        Assert.False(GlyphCoverage.Has('→'));
        Assert.Equal("SI › completato entro il 31/12/2019: 100 %", GlyphCoverage.Sanitize("SI → completato entro il 31/12/2019: 100 %"));
        Assert.Equal("≥ 1% «più» – già", GlyphCoverage.Sanitize("≥ 1% «più» – già"));
    }

    private static FlowLayout EveryBlock()
    {
        var flow = new FlowLayout();
        var anchor = flow.ReserveAnchor();
        flow.Heading("Documento di prova", 1, Pdf.Heading, outlineLevel: 1);
        flow.TableOfContents([new TocEntry("Capitolo", 1, anchor)], Pdf.Body, Pdf.Body);
        flow.Fact("Direzione:", "Direzione Casa", Pdf.Body with { Face = FontFace.SemiBold }, Pdf.Body);
        flow.Paragraph(LongText, Pdf.Body, TextAlign.Justify);
        flow.Bullets(["Primo punto dell'elenco", LongText[..400]], Pdf.Body, TextAlign.Justify);
        flow.Heading("Capitolo", 2, Pdf.Heading, outlineLevel: 2, anchor: anchor);
        flow.BarChart(
            new BarChartSpec("Grafico", [new BarItem("Sezione A", 100m, "100,0 %", new Rgb(0, 128, 85)), new BarItem("Sezione B con un nome molto lungo che va a capo nella colonna", 42.5m, "42,5 %", new Rgb(204, 51, 77)), new BarItem("Non rilevata", null, "—", new Rgb(92, 111, 130))], "Grafico di prova: A 100,0 %; B 42,5 %", Pdf.Small),
            Pdf.Body);
        flow.Table(new TableSpec(
            [new TableColumn("KPI", 2), new TableColumn("Target", 1), new TableColumn("Valore", 1, TextAlign.Right)],
            Enumerable.Range(1, 40).Select(i => new TableRow([new TableCell($"KPI numero {i} con un nome abbastanza lungo da andare a capo", Pdf.Body), new TableCell("≥ 70%", Pdf.Body), new TableCell("91,1%", Pdf.Body)]))
                .Prepend(new TableRow([new TableCell("Area più pulita", Pdf.Body)]) { SpansAllColumns = true, IsRowHeader = true, Background = new Rgb(230, 240, 250) }).ToList(),
            Pdf.Body));
        flow.Image(Png(8, 8), 60, 60, "Quadrato");
        flow.WebLink("https://www.comune.milano.it/documents/20126/983653/Delibera+n.+501+del+14-04-2020+Approvazione+Consuntivo+PDO+2019.pdf", "https://www.comune.milano.it/", Pdf.Body);
        return flow;
    }

    /// <summary>A solid blue PNG of <paramref name="width"/>×<paramref name="height"/> pixels, encoded here.</summary>
    private static byte[] Png(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        var raw = new byte[height * ((width * 3) + 1)];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * ((width * 3) + 1)) + 1 + (x * 3);
                raw[i + 2] = 0xCC;
                raw[i + 1] = 0x66;
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(raw);
        }

        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    [GeneratedRegex(@"/Type\s*/FontDescriptor.*?>>", RegexOptions.Singleline)]
    private static partial Regex FontDescriptor();

    [GeneratedRegex(@"/Subtype\s*/Link(?:(?!endobj).){0,400}?/Dest\s*\[", RegexOptions.Singleline)]
    private static partial Regex DestinationLink();
}

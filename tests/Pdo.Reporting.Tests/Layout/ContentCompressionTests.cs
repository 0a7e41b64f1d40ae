using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Pdo.Reporting.Fonts;
using Pdo.Reporting.Layout;
using Pdo.Reporting.Tests.Support;
using UglyToad.PdfPig.Tokens;

namespace Pdo.Reporting.Tests.Layout;

public sealed class ContentCompressionTests
{
    [Fact]
    public void SetsTheBytesOfPdfSharpsOwnCompressionGivenMorePagesThanMayWait()
    {
        ReportFonts.EnsureRegistered();
        var pages = ContentCompression.MaxPending * 3;
        using var byPdfSharp = Document(pages);
        using var byUs = Document(pages);
        var compression = new ContentCompression(byUs.Options.FlateEncodeMode);

        for (var i = 0; i < pages; i++)
        {
            foreach (var content in byPdfSharp.Pages[i].Contents)
            {
                content.Compressed = true;
            }

            compression.Add(byUs.Pages[i]);
        }

        compression.Finish();

        for (var i = 0; i < pages; i++)
        {
            var expected = Assert.Single(Contents(byPdfSharp.Pages[i]));
            var actual = Assert.Single(Contents(byUs.Pages[i]));
            Assert.Equal("/FlateDecode", actual.Elements.GetName(PdfDictionary.PdfStream.Keys.Filter));
            Assert.Equal(expected.Stream!.Value, actual.Stream!.Value);
            Assert.Equal(actual.Stream.Value.Length, actual.Elements.GetInteger(PdfDictionary.PdfStream.Keys.Length));
        }
    }

    [Fact]
    public void WritesEveryPageFlateEncodedAndInOrderGivenALongLayout()
    {
        var flow = new FlowLayout();
        const int pages = (ContentCompression.MaxPending * 2) + 3;
        for (var i = 1; i <= pages; i++)
        {
            flow.Paragraph(string.Create(CultureInfo.InvariantCulture, $"Paragrafo numero {i} della prova di compressione."), Pdf.Body);
            if (i < pages)
            {
                flow.NewPage();
            }
        }

        var bytes = Pdf.Write(flow);

        var texts = Pdf.PageTexts(bytes);
        Assert.Equal(pages, texts.Count);
        for (var i = 0; i < pages; i++)
        {
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Paragrafo numero {i + 1} della"), texts[i]);
        }

        // Every page's content stream carries exactly one filter, Flate: compressed once, not again by the save.
        using var written = UglyToad.PdfPig.PdfDocument.Open(bytes);
        Assert.All(written.GetPages(), page =>
        {
            var reference = Assert.IsType<IndirectReferenceToken>(page.Dictionary.Data[NameToken.Contents.Data]);
            var stream = Assert.IsType<StreamToken>(written.Structure.GetObject(reference.Data).Data);
            Assert.Equal(NameToken.FlateDecode, Assert.IsType<NameToken>(stream.StreamDictionary.Data[NameToken.Filter.Data]));
        });
    }

    /// <summary>A page's content streams (PDFsharp's typed enumerator: the array's own yields references).</summary>
    private static List<PdfSharp.Pdf.Advanced.PdfContent> Contents(PdfPage page)
    {
        var contents = new List<PdfSharp.Pdf.Advanced.PdfContent>();
        foreach (var content in page.Contents)
        {
            contents.Add(content);
        }

        return contents;
    }

    /// <summary>A document of <paramref name="count"/> pages, each with its own text and lines drawn, as the renderer draws them.</summary>
    private static PdfDocument Document(int count)
    {
        var document = new PdfDocument();
        var font = FontCache.Get(FontFace.Regular, 10);
        for (var i = 0; i < count; i++)
        {
            var page = document.AddPage();
            using var gfx = XGraphics.FromPdfPage(page);
            for (var line = 0; line < 40; line++)
            {
                gfx.DrawString(string.Create(CultureInfo.InvariantCulture, $"Pagina {i}, riga {line}: grado di raggiungimento 91,1 %"), font, XBrushes.Black, 40, 40 + (line * 14));
                gfx.DrawLine(XPens.Gray, 40, 44 + (line * 14), 400, 44 + (line * 14));
            }
        }

        return document;
    }
}

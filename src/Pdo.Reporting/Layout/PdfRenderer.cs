using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Annotations;
using PdfSharp.Pdf.Advanced;

namespace Pdo.Reporting.Layout;

/// <summary>How the PDF is written.</summary>
public sealed record RenderOptions
{
    /// <summary>Ask PDFsharp for its PDF/A output (XMP metadata with pdfaid, sRGB output intent); see ADR 003.</summary>
    public bool PdfA { get; init; }
}

/// <summary>
/// Replays a finished layout on PDFsharp pages: text with the embedded Titillium Web faces, vectors, images, link
/// annotations, bookmarks, document metadata, and the structure tree (tagged PDF) through PDFsharp's UAManager.
/// Pages are written one after the other: a page's XGraphics is disposed before the next page is added.
/// </summary>
internal sealed class PdfRenderer
{
    private readonly Dictionary<Rgb, XSolidBrush> _brushes = [];
    private readonly Dictionary<(Rgb, double), XPen> _pens = [];
    private readonly Dictionary<byte[], XImage> _images = new(ReferenceEqualityComparer.Instance);

    public static void Render(ReportLayout layout, Stream output, RenderOptions options)
    {
        new PdfRenderer().Write(layout, output, options);
    }

    private void Write(ReportLayout layout, Stream output, RenderOptions options)
    {
        Fonts.ReportFonts.EnsureRegistered();
        using var document = new PdfDocument();
        var info = layout.Info;
        document.Info.Title = info.Title;
        document.Info.Author = info.Author;
        document.Info.Subject = info.Subject;
        document.Info.Keywords = info.Keywords;
        document.Info.Creator = info.Creator;
        if (info.CreatedAt is { } created)
        {
            document.Info.CreationDate = created.UtcDateTime;
        }

        document.PageMode = PdfPageMode.UseOutlines;
        document.ViewerPreferences.DisplayDocTitle = true;
        if (options.PdfA)
        {
            document.SetPdfA();
        }

        ITagWriter structure = options.PdfA ? new UaManagerTags(document, info.Language) : new StructureTree(document, info.Language);
        var context = new LayoutContext(layout.Pages.Count, layout.Anchors);
        var pdfPages = new List<PdfPage>(layout.Pages.Count);
        var compression = new ContentCompression(document.Options.FlateEncodeMode);
        foreach (var page in layout.Pages)
        {
            var pdfPage = document.AddPage();
            pdfPage.Width = XUnit.FromPoint(FlowLayout.PageWidth);
            pdfPage.Height = XUnit.FromPoint(FlowLayout.PageHeight);
            pdfPages.Add(pdfPage);
            context.PageIndex = page.Index;
            using (var gfx = XGraphics.FromPdfPage(pdfPage))
            {
                structure.BeginPage(pdfPage, gfx);
                foreach (var op in page.Ops)
                {
                    Draw(op, gfx, structure, context);
                }

                structure.EndPage();
            }

            // A drawn page's operations are no longer needed: release them before the next page (memory stays flat).
            page.Ops.Clear();
            page.Ops.Capacity = 0;

            // Its content stream is final too: compressed now (on another core, while the next pages are drawn), it is
            // held until the save at about a fifth of its size.
            compression.Add(pdfPage);
        }

        compression.Finish();
        structure.Finish();
        AddOutline(document, layout, pdfPages);
        document.Save(output, closeStream: false);
    }

    private void Draw(DrawOp op, XGraphics gfx, ITagWriter structure, LayoutContext context)
    {
        switch (op)
        {
            case TextOp t:
                structure.BeforeContent();
                gfx.DrawString(t.Text, FontCache.Get(t.Style.Face, t.Style.Size), Brush(t.Style.Color), t.X, t.Baseline);
                break;
            case LateTextOp late:
                var text = late.Text(context);
                if (text.Length > 0)
                {
                    structure.BeforeContent();
                    var width = FontMetrics.Width(late.Style.Face, text, late.Style.Size);
                    var x = late.Align == TextAlign.Right ? late.X - width : late.X;
                    gfx.DrawString(text, FontCache.Get(late.Style.Face, late.Style.Size), Brush(late.Style.Color), x, late.Baseline);
                }

                break;
            case RectOp r:
                structure.BeforeContent();
                if (r.Fill is Rgb fill && r.Stroke is Rgb stroke)
                {
                    gfx.DrawRectangle(Pen(stroke, r.StrokeWidth), Brush(fill), r.X, r.Y, r.Width, r.Height);
                }
                else if (r.Fill is Rgb onlyFill)
                {
                    gfx.DrawRectangle(Brush(onlyFill), r.X, r.Y, r.Width, r.Height);
                }
                else if (r.Stroke is Rgb onlyStroke)
                {
                    gfx.DrawRectangle(Pen(onlyStroke, r.StrokeWidth), r.X, r.Y, r.Width, r.Height);
                }

                break;
            case LineOp l:
                structure.BeforeContent();
                gfx.DrawLine(Pen(l.Color, l.Width), l.X1, l.Y1, l.X2, l.Y2);
                break;
            case ImageOp image:
                structure.BeforeContent();
                gfx.DrawImage(Image(image.Data), image.X, image.Y, image.Width, image.Height);
                break;
            case WatermarkOp watermark:
                structure.BeforeContent();
                DrawWatermark(gfx, watermark.Text);
                break;
            case BeginTagOp tag:
                structure.Begin(
                    tag.Tag,
                    tag.AltText,
                    tag.Kind == TagKind.Figure ? new XRect(tag.Box.X, FlowLayout.PageHeight - tag.Box.Y - tag.Box.Height, tag.Box.Width, tag.Box.Height) : null,
                    tag.ColumnSpan);
                break;
            case BeginLinkOp link:
                structure.BeginLink(CreateLink(link, context), link.AltText);
                break;
            case BeginArtifactOp:
                structure.BeginArtifact();
                break;
            case EndArtifactOp:
                structure.EndArtifact();
                break;
            case EndTagOp:
                structure.End();
                break;
            default:
                throw new InvalidOperationException($"Unknown drawing operation {op.GetType().Name}.");
        }
    }

    private static PdfLinkAnnotation CreateLink(BeginLinkOp link, LayoutContext context)
    {
        // Annotation rectangles are in default PDF user space: origin bottom-left.
        var rect = new PdfRectangle(new XRect(link.X, FlowLayout.PageHeight - link.Y - link.Height, link.Width, link.Height));
        PdfLinkAnnotation annotation;
        if (link.Url is not null)
        {
            annotation = PdfLinkAnnotation.CreateWebLink(rect, link.Url);
        }
        else if (link.Anchor is int anchor && context.Anchors.TryGetValue(anchor, out var target))
        {
            annotation = PdfLinkAnnotation.CreateDocumentLink(rect, target.PageIndex + 1, new XPoint(0, FlowLayout.PageHeight - target.Y + 12));
        }
        else
        {
            annotation = PdfLinkAnnotation.CreateDocumentLink(rect, context.PageIndex + 1, null);
        }

        annotation.Elements.SetInteger("/F", 4); // Print flag: PDF/A requires annotations to be printable.
        var border = new PdfArray();
        border.Elements.Add(new PdfInteger(0));
        border.Elements.Add(new PdfInteger(0));
        border.Elements.Add(new PdfInteger(0));
        annotation.Elements.SetValue("/Border", border);
        return annotation;
    }

    private void DrawWatermark(XGraphics gfx, string text)
    {
        var font = FontCache.Get(Fonts.FontFace.Bold, 120);
        var width = FontMetrics.Width(Fonts.FontFace.Bold, text, 120);
        var state = gfx.Save();
        var centre = new XPoint(FlowLayout.PageWidth / 2, FlowLayout.PageHeight / 2);
        gfx.RotateAtTransform(-45, centre);
        gfx.DrawString(text, font, Brush(new Rgb(0xE6, 0xE9, 0xF2)), centre.X - (width / 2), centre.Y + 40);
        gfx.Restore(state);
    }

    private static void AddOutline(PdfDocument document, ReportLayout layout, List<PdfPage> pages)
    {
        var stack = new List<(int Level, PdfOutlineCollection Children)> { (0, document.Outlines) };
        foreach (var entry in layout.Outline)
        {
            while (stack.Count > 1 && stack[^1].Level >= entry.Level)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            var outline = stack[^1].Children.Add(entry.Title, pages[entry.PageIndex], entry.Level <= 1);
            outline.PageDestinationType = PdfPageDestinationType.Xyz;
            outline.Top = FlowLayout.PageHeight - entry.Y + 12;
            stack.Add((entry.Level, outline.Outlines));
        }
    }

    private XSolidBrush Brush(Rgb color)
    {
        if (!_brushes.TryGetValue(color, out var brush))
        {
            brush = new XSolidBrush(XColor.FromArgb(color.R, color.G, color.B));
            _brushes[color] = brush;
        }

        return brush;
    }

    private XPen Pen(Rgb color, double width)
    {
        if (!_pens.TryGetValue((color, width), out var pen))
        {
            pen = new XPen(XColor.FromArgb(color.R, color.G, color.B), width);
            _pens[(color, width)] = pen;
        }

        return pen;
    }

    private XImage Image(byte[] data)
    {
        if (!_images.TryGetValue(data, out var image))
        {
            image = XImage.FromStream(new MemoryStream(data, writable: false));
            _images[data] = image;
        }

        return image;
    }
}

/// <summary>
/// Compresses the content streams of drawn pages with PDFsharp's own Flate encoder (the bytes PDFsharp's
/// <c>PdfContent.Compressed</c> would write) on the thread pool, while the renderer draws the next pages; a page's
/// stream and its <c>/Filter</c> are set on the rendering thread, so PDFsharp's objects are only ever touched by it.
/// At most <see cref="MaxPending"/> pages wait for their compression (memory stays flat); <see cref="Finish"/> sets
/// every one before the document is saved, which compresses only streams without a filter (so none twice).
/// </summary>
internal sealed class ContentCompression(PdfFlateEncodeMode mode)
{
    /// <summary>Pages whose uncompressed streams may wait at once: enough to keep the other core busy, a few hundred KB.</summary>
    public const int MaxPending = 8;

    private readonly Queue<(PdfDictionary.PdfStream Stream, PdfDictionary Content, Task<byte[]> Compressed)> _pending = new();

    public void Add(PdfPage page)
    {
        foreach (var content in page.Contents)
        {
            if (content.Elements.GetValue(PdfDictionary.PdfStream.Keys.Filter) is null && content.Stream is { } stream)
            {
                var bytes = stream.Value;
                _pending.Enqueue((stream, content, Task.Run(() => PdfSharp.Pdf.Filters.Filtering.FlateDecode.Encode(bytes, mode))));
            }
        }

        while (_pending.Count > MaxPending || (_pending.Count > 0 && _pending.Peek().Compressed.IsCompleted))
        {
            SetNext();
        }
    }

    public void Finish()
    {
        while (_pending.Count > 0)
        {
            SetNext();
        }
    }

    private void SetNext()
    {
        var (stream, content, compressed) = _pending.Dequeue();
        stream.Value = compressed.GetAwaiter().GetResult(); // also sets /Length
        content.Elements.SetName(PdfDictionary.PdfStream.Keys.Filter, "/FlateDecode");
    }
}

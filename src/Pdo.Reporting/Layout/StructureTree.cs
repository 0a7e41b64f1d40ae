using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.Annotations;
using PdfSharp.Pdf.Structure;
using PdfSharp.UniversalAccessibility;

namespace Pdo.Reporting.Layout;

/// <summary>
/// The tagged-PDF structure (ISO 32000 §14.7–14.8) written while the pages are drawn: structure elements with their
/// marked-content sequences (MCIDs), artifacts, link objects, the parent tree, /MarkInfo and /Lang.
/// PDFsharp 6.2.4's UAManager produces the same structure, but it searches the whole parent tree for every
/// marked-content sequence (quadratic in the page count: 1,000 pages took seconds); this builder keeps the current
/// page's parent array at hand and writes the number tree once at the end, with PDFsharp's own object model.
/// Every marked-content sequence starts and ends outside a text object (BT/ET), as the standard requires.
/// </summary>
internal sealed class StructureTree : ITagWriter
{
    private readonly PdfDocument _document;
    private readonly PdfStructureElement _root;
    private readonly List<Frame> _stack = [];
    private readonly List<(int Key, PdfItem Value)> _parentTree = [];
    private readonly Dictionary<string, string> _names = [];
    private int _nextKey;
    private PdfPage? _page;
    private XGraphics? _gfx;
    private StringBuilder? _content;
    private PdfArray? _pageParents;
    private int _nextMcid;
    private Frame? _openContent;

    public StructureTree(PdfDocument document, string language)
    {
        _document = document;
        var catalog = document.Internals.Catalog;
        catalog.Elements.SetString("/Lang", language);
        var markInfo = new PdfMarkInformation();
        markInfo.Elements.SetBoolean("/Marked", true);
        catalog.Elements.SetObject("/MarkInfo", markInfo);

        var treeRoot = document.Internals.CreateIndirectObject<PdfStructureTreeRoot>();
        catalog.Elements.SetReference("/StructTreeRoot", treeRoot);
        _root = document.Internals.CreateIndirectObject<PdfStructureElement>();
        _root.Elements.SetName("/S", "/Document");
        _root.Elements.SetReference("/P", treeRoot);
        var rootKids = new PdfArray();
        rootKids.Elements.Add(_root.ReferenceNotNull);
        treeRoot.Elements.SetObject("/K", rootKids);
        TreeRoot = treeRoot;
    }

    private PdfStructureTreeRoot TreeRoot { get; }

    public void BeginPage(PdfPage page, XGraphics gfx)
    {
        _page = page;
        _gfx = gfx;
        _content = gfx.Internals.ContentStringBuilder ?? throw new InvalidOperationException("The page has no content stream.");
        _nextMcid = 0;
        _pageParents = null;
    }

    /// <summary>Closes the page's open marked content; open elements continue on the next page.</summary>
    public void EndPage()
    {
        CloseContent();
        if (_openArtifacts > 0)
        {
            throw new InvalidOperationException("An artifact is still open at the end of a page.");
        }

        _page = null;
        _gfx = null;
        _content = null;
    }

    public void Begin(string tag, string? altText = null, XRect? box = null, int columnSpan = 1)
    {
        CloseContent();
        var element = _document.Internals.CreateIndirectObject<PdfStructureElement>();
        var name = Name(tag);
        element.Elements.SetName("/S", name);
        var parent = CurrentElement;
        element.Elements.SetReference("/P", parent);
        AddKid(parent, element.ReferenceNotNull);
        if (altText is not null)
        {
            element.Elements.SetString("/Alt", altText);
        }

        if (box is XRect rect)
        {
            var layout = new PdfDictionary();
            layout.Elements.SetName("/O", "/Layout");
            layout.Elements.SetRectangle("/BBox", new PdfRectangle(rect));
            element.Elements.SetObject("/A", layout);
        }
        else if (columnSpan > 1)
        {
            var table = new PdfDictionary();
            table.Elements.SetName("/O", "/Table");
            table.Elements.SetInteger("/ColSpan", columnSpan);
            element.Elements.SetObject("/A", table);
        }

        _stack.Add(new Frame(element, name));
    }

    /// <summary>A Link element whose object is <paramref name="annotation"/>, added to the current page.</summary>
    public void BeginLink(PdfLinkAnnotation annotation, string altText)
    {
        var page = _page ?? throw new InvalidOperationException("A link needs a page.");
        Begin("Link");
        var element = _stack[^1].Element!;
        annotation.Elements.SetString("/Contents", altText);
        page.Annotations.Add(annotation);
        page.Elements.SetName("/Tabs", "/S");
        var objr = new PdfDictionary();
        objr.Elements.SetName("/Type", "/OBJR");
        objr.Elements.SetReference("/Obj", annotation);
        objr.Elements.SetReference("/Pg", page);
        AddKid(element, objr);
        var key = _nextKey++;
        annotation.Elements.SetInteger("/StructParent", key);
        _parentTree.Add((key, element.ReferenceNotNull));
    }

    public void End()
    {
        if (_stack.Count == 0 || _stack[^1].Element is null)
        {
            throw new InvalidOperationException("End without an open structure element.");
        }

        CloseContent();
        _stack.RemoveAt(_stack.Count - 1);
    }

    public void BeginArtifact()
    {
        CloseContent();
        GraphicMode();
        _content!.Append("/Artifact BMC\n");
        _openArtifacts++;
        _stack.Add(new Frame(null, "/Artifact"));
    }

    public void EndArtifact()
    {
        if (_stack.Count == 0 || _stack[^1].Element is not null)
        {
            throw new InvalidOperationException("EndArtifact without an open artifact.");
        }

        GraphicMode();
        _content!.Append("EMC\n");
        _openArtifacts--;
        _stack.RemoveAt(_stack.Count - 1);
    }

    /// <summary>Called before anything is drawn: opens the marked content of the innermost element on this page.</summary>
    public void BeforeContent()
    {
        if (_stack.Count == 0)
        {
            throw new InvalidOperationException("Content drawn outside the document structure: every drawing must be tagged or an artifact.");
        }

        var top = _stack[^1];
        if (top.Element is null || ReferenceEquals(_openContent, top))
        {
            return;
        }

        CloseContent();
        var page = _page!;
        var mcid = _nextMcid++;
        if (_pageParents is null)
        {
            _pageParents = new PdfArray();
            var key = _nextKey++;
            page.Elements.SetInteger("/StructParents", key);
            _parentTree.Add((key, _pageParents));
        }

        _pageParents.Elements.Add(top.Element.ReferenceNotNull);
        var element = top.Element;
        if (top.Page is null)
        {
            element.Elements.SetReference("/Pg", page);
            top.Page = page;
        }

        if (ReferenceEquals(top.Page, page))
        {
            AddKid(element, new PdfInteger(mcid));
        }
        else
        {
            var mcr = new PdfDictionary();
            mcr.Elements.SetName("/Type", "/MCR");
            mcr.Elements.SetReference("/Pg", page);
            mcr.Elements.SetInteger("/MCID", mcid);
            AddKid(element, mcr);
        }

        GraphicMode();
        _content!.Append(top.Tag).Append(" <</MCID ").Append(mcid.ToString(CultureInfo.InvariantCulture)).Append(">> BDC\n");
        _openContent = top;
    }

    /// <summary>Writes the parent tree; call once after the last page.</summary>
    public void Finish()
    {
        if (_stack.Count > 0)
        {
            throw new InvalidOperationException($"{_stack.Count} structure element(s) still open at the end of the document.");
        }

        var nums = new PdfArray();
        foreach (var (key, value) in _parentTree.OrderBy(e => e.Key))
        {
            nums.Elements.Add(new PdfInteger(key));
            nums.Elements.Add(value);
        }

        var parentTree = new PdfDictionary();
        parentTree.Elements.SetObject("/Nums", nums);
        _document.Internals.AddObject(parentTree);
        TreeRoot.Elements.SetReference("/ParentTree", parentTree);
        TreeRoot.Elements.SetInteger("/ParentTreeNextKey", _nextKey);
    }

    private int _openArtifacts;

    private PdfStructureElement CurrentElement
    {
        get
        {
            for (var i = _stack.Count - 1; i >= 0; i--)
            {
                if (_stack[i].Element is { } element)
                {
                    return element;
                }
            }

            return _root;
        }
    }

    /// <summary>
    /// Adds a kid (element reference, MCID, MCR or OBJR) to /K: the first kid is written as /K itself, an array only
    /// from the second on (ISO 32000 §14.7.2 allows both). Most elements (a TD, a P on one page) have one kid, so this
    /// saves an array object per element when drawing and saving.
    /// </summary>
    private static void AddKid(PdfStructureElement element, PdfItem kid)
    {
        switch (element.Elements["/K"])
        {
            case null:
                element.Elements["/K"] = kid;
                break;
            case PdfArray kids:
                kids.Elements.Add(kid);
                break;
            case var first:
                var array = new PdfArray();
                array.Elements.Add(first);
                array.Elements.Add(kid);
                element.Elements["/K"] = array;
                break;
        }
    }

    /// <summary>The PDF name of a structure type ("/TD"), made once per type and document instead of once per element.</summary>
    private string Name(string tag)
    {
        if (!_names.TryGetValue(tag, out var name))
        {
            name = "/" + tag;
            _names[tag] = name;
        }

        return name;
    }

    private void CloseContent()
    {
        if (_openContent is null)
        {
            return;
        }

        GraphicMode();
        _content!.Append("EMC\n");
        _openContent = null;
    }

    private void GraphicMode() => PdfRendererExtensions.BeginGraphicMode(_gfx!);

    /// <summary>An open element (or artifact, without element) and the page of its first content, its /Pg.</summary>
    private sealed class Frame(PdfStructureElement? element, string tag)
    {
        public PdfStructureElement? Element { get; } = element;

        public string Tag { get; } = tag;

        public PdfPage? Page { get; set; }
    }
}

/// <summary>Writes the structure tree while pages are drawn: ours (<see cref="StructureTree"/>) or PDFsharp's (<see cref="UaManagerTags"/>).</summary>
internal interface ITagWriter
{
    void BeginPage(PdfPage page, XGraphics gfx);

    void EndPage();

    void Begin(string tag, string? altText = null, XRect? box = null, int columnSpan = 1);

    void BeginLink(PdfLinkAnnotation annotation, string altText);

    void End();

    void BeginArtifact();

    void EndArtifact();

    void BeforeContent();

    void Finish();
}

/// <summary>
/// The same structure through PDFsharp 6.2.4's own UAManager. Used for the PDF/A variant: PdfDocument.SetPdfA()
/// switches the UAManager on by itself (it then refuses drawing outside its StructureBuilder), so the archival
/// variant is tagged by it. Correct, but its parent-tree bookkeeping grows with the square of the page count.
/// </summary>
internal sealed class UaManagerTags(PdfDocument document, string language) : ITagWriter
{
    private readonly StructureBuilder _builder = Init(document, language);

    public void BeginPage(PdfPage page, XGraphics gfx)
    {
    }

    public void EndPage() => _builder.EndMarkedContentsWithId();

    public void Begin(string tag, string? altText = null, XRect? box = null, int columnSpan = 1)
    {
        if (box is XRect rect)
        {
            _builder.BeginIllustrationElement(tag, altText ?? string.Empty, rect);
            return;
        }

        if (tag is "Document" or "Part" or "Art" or "Sect" or "Div" or "TOC" or "TOCI")
        {
            _builder.BeginGroupingElement(tag);
        }
        else
        {
            _builder.BeginBlockLevelElement(tag);
        }

        if (altText is not null)
        {
            _builder.SetAltText(altText);
        }

        if (columnSpan > 1)
        {
            _builder.SetColSpan(columnSpan);
        }
    }

    public void BeginLink(PdfLinkAnnotation annotation, string altText) => _builder.BeginElement(annotation, altText);

    public void End() => _builder.End();

    public void BeginArtifact() => _builder.BeginArtifact();

    public void EndArtifact() => _builder.End();

    public void BeforeContent()
    {
    }

    public void Finish()
    {
    }

    private static StructureBuilder Init(PdfDocument document, string language)
    {
        var ua = UAManager.ForDocument(document);
        ua.SetDocumentLanguage(language);
        return ua.StructureBuilder;
    }
}

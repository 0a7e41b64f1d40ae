using Pdo.Domain.Values;

namespace Pdo.Domain.Tests.Values;

/// <summary>NarrativeText: the one reading of the narratives' small text format (paragraphs, bulleted and numbered lists).</summary>
public class NarrativeTextTests
{
    /// <summary>Text in, blocks out written as "P:text" / "UL:a|b" / "OL:a|b", joined by " / ".</summary>
    [Theory]
    [InlineData("Un paragrafo.", "P:Un paragrafo.")]
    [InlineData("Prima riga\nseconda riga.", "P:Prima riga seconda riga.")]
    [InlineData("Primo.\n\nSecondo.", "P:Primo. / P:Secondo.")]
    [InlineData("Primo.\r\n\r\nSecondo.", "P:Primo. / P:Secondo.")]
    [InlineData("- uno\n- due", "UL:uno|due")]
    [InlineData("• uno\n* due\n•tre", "UL:uno|due|tre")]
    [InlineData("Risultati:\n- uno\n- due", "P:Risultati: / UL:uno|due")]
    [InlineData("- uno\n  continua\n- due", "UL:uno continua|due")]
    [InlineData("1. primo\n2) secondo", "OL:primo|secondo")]
    [InlineData("- punto\n1. numero", "UL:punto / OL:numero")]
    [InlineData("- uno\n\nDopo la lista.", "UL:uno / P:Dopo la lista.")]
    [InlineData("Nel 2019. Anno di avvio.", "P:Nel 2019. Anno di avvio.")]
    [InlineData("-5% rispetto al 2018", "P:-5% rispetto al 2018")]
    [InlineData("  \n\n  ", "")]
    [InlineData("-  \n- due", "UL:due")]
    public void ReturnsTheBlocksGivenText(string text, string expected)
    {
        Assert.Equal(expected, Describe(NarrativeText.Parse(text)));
    }

    [Fact]
    public void ReturnsNoBlockGivenNull()
    {
        Assert.Empty(NarrativeText.Parse(null));
    }

    [Fact]
    public void KeepsMarkupAsTextGivenAScriptTag()
    {
        var blocks = NarrativeText.Parse("<script>alert('x')</script>\n- <b>grassetto</b>");

        Assert.Equal("P:<script>alert('x')</script> / UL:<b>grassetto</b>", Describe(blocks));
    }

    [Fact]
    public void ReturnsTheTrimmedTextWithUnixLineEndsGivenWindowsLineEnds()
    {
        Assert.Equal("Primo.\n\n- uno", NarrativeText.Normalize("  Primo.\r\n\r\n- uno \r\n", "La descrizione", 100));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n ")]
    public void ReturnsNullGivenBlankText(string? text)
    {
        Assert.Null(NarrativeText.Normalize(text, "La descrizione", 100));
    }

    [Fact]
    public void RefusesTextOverTheMaximumLengthWithItalianMessage()
    {
        var error = Assert.Throws<DomainRuleException>(() => NarrativeText.Normalize(new string('a', 20_001), "La descrizione", 20_000));

        Assert.Equal("La descrizione supera la lunghezza massima di 20.000 caratteri.", error.Message);
    }

    [Fact]
    public void RefusesControlCharactersWithItalianMessage()
    {
        var error = Assert.Throws<DomainRuleException>(() => NarrativeText.Normalize("Testo\u0000nascosto", "La descrizione", 100));

        Assert.Equal("La descrizione contiene caratteri di controllo non ammessi: scrivere solo testo.", error.Message);
    }

    private static string Describe(IReadOnlyList<NarrativeBlock> blocks) => string.Join(" / ", blocks.Select(b => b.Kind switch
    {
        NarrativeBlockKind.Paragraph => $"P:{b.Text}",
        NarrativeBlockKind.BulletList => $"UL:{string.Join('|', b.Items)}",
        _ => $"OL:{string.Join('|', b.Items)}",
    }));
}

using Pdo.Domain.Attainment;
using Pdo.Domain.Values;

namespace Pdo.Domain.Tests.Values;

/// <summary>ItalianValues.Parse: values as Italian users write them in the plan and the report.</summary>
public class ParseTests
{
    [Theory]
    [InlineData("1.003", 1003)]
    [InlineData("2.646", 2646)]
    [InlineData("6,5", 6.5)]
    [InlineData("9", 9)]
    [InlineData("0,5", 0.5)]
    [InlineData("-1,6", -1.6)]
    [InlineData("−1,6", -1.6)]
    [InlineData("+ 1", 1)]
    [InlineData("- 5", -5)]
    [InlineData("1.234.567,89", 1234567.89)]
    [InlineData("1003", 1003)]
    public void ReturnsNumberGivenItalianNumber(string text, double expected)
    {
        var value = ParseOk(text);

        Assert.Equal(ValueKind.Number, value.Kind);
        Assert.Equal((decimal)expected, value.Number);
        Assert.Null(value.Comparator);
    }

    [Theory]
    [InlineData("91,1%", 91.1)]
    [InlineData("91,1 %", 91.1)]
    [InlineData("91,1\u00a0%", 91.1)]
    [InlineData("-1,5%", -1.5)]
    [InlineData("- 5%", -5)]
    [InlineData("100%", 100)]
    [InlineData("2,9 %", 2.9)]
    public void ReturnsPercentInPercentPointsGivenPercentage(string text, double expected)
    {
        var value = ParseOk(text);

        Assert.Equal(ValueKind.Percent, value.Kind);
        Assert.Equal((decimal)expected, value.Number);
    }

    [Theory]
    [InlineData("> 90%", Comparator.GreaterThan, 90, ValueKind.Percent)]
    [InlineData(">90", Comparator.GreaterThan, 90, ValueKind.Number)]
    [InlineData(">  3", Comparator.GreaterThan, 3, ValueKind.Number)]
    [InlineData("> 30", Comparator.GreaterThan, 30, ValueKind.Number)]
    [InlineData(">= 70%", Comparator.AtLeast, 70, ValueKind.Percent)]
    [InlineData("≥  1%", Comparator.AtLeast, 1, ValueKind.Percent)]
    [InlineData("< 10 %", Comparator.LessThan, 10, ValueKind.Percent)]
    [InlineData("<= 3 minuti", Comparator.AtMost, 3, ValueKind.Minutes)]
    [InlineData("≤ 9,9 giorni", Comparator.AtMost, 9.9, ValueKind.Days)]
    [InlineData("= 0", Comparator.EqualTo, 0, ValueKind.Number)]
    [InlineData("> -1,5%", Comparator.GreaterThan, -1.5, ValueKind.Percent)]
    [InlineData(">= 1.003", Comparator.AtLeast, 1003, ValueKind.Number)]
    public void ReturnsComparatorAndValueGivenComparatorBeforeValue(string text, Comparator comparator, double number, ValueKind kind)
    {
        var value = ParseOk(text);

        Assert.Equal(comparator, value.Comparator);
        Assert.Equal((decimal)number, value.Number);
        Assert.Equal(kind, value.Kind);
    }

    [Theory]
    [InlineData("1'16\"", 76)]
    [InlineData("1’16”", 76)]
    [InlineData("1′16″", 76)]
    [InlineData("1'16''", 76)]
    [InlineData("1' 16\"", 76)]
    [InlineData("1'", 60)]
    [InlineData("16\"", 16)]
    [InlineData("90\"", 90)]
    [InlineData("3 minuti", 180)]
    [InlineData("3 min", 180)]
    [InlineData("1 minuto", 60)]
    [InlineData("2 ore", 7200)]
    public void ReturnsMinutesGivenDuration(string text, int seconds)
    {
        var value = ParseOk(text);

        Assert.Equal(ValueKind.Minutes, value.Kind);
        Assert.Equal(seconds / 60m, value.Number);
    }

    [Fact]
    public void KeepsFullPrecisionGiven1Minute16Seconds()
    {
        Assert.Equal(76m / 60m, ParseOk("1'16\"").Number);
    }

    [Theory]
    [InlineData("9,9 giorni", 9.9)]
    [InlineData("10 giorni", 10)]
    [InlineData("1 giorno", 1)]
    [InlineData("5 gg", 5)]
    [InlineData("5 GG.", 5)]
    public void ReturnsDaysGivenDaysText(string text, double expected)
    {
        var value = ParseOk(text);

        Assert.Equal(ValueKind.Days, value.Kind);
        Assert.Equal((decimal)expected, value.Number);
    }

    [Theory]
    [InlineData("1 Mln", 1000000)]
    [InlineData("+ 1 Mln", 1000000)]
    [InlineData("1 mln", 1000000)]
    [InlineData("1,5 milioni", 1500000)]
    [InlineData("2 miliardi", 2000000000)]
    public void ReturnsScaledNumberGivenMillions(string text, double expected)
    {
        var value = ParseOk(text);

        Assert.Equal(ValueKind.Number, value.Kind);
        Assert.Equal((decimal)expected, value.Number);
    }

    [Theory]
    [InlineData("6,5 km", 6.5, "km")]
    [InlineData("1.003 KM", 1003, "km")]
    [InlineData("1,5 mln €", 1500000, "€")]
    [InlineData("250 euro", 250, "€")]
    public void RecordsUnitGivenNumberWithUnitWord(string text, double expected, string unit)
    {
        var value = ParseOk(text);

        Assert.Equal(ValueKind.Number, value.Kind);
        Assert.Equal((decimal)expected, value.Number);
        Assert.Equal(unit, value.Unit);
    }

    [Theory]
    [InlineData("SI", true)]
    [InlineData("Sì", true)]
    [InlineData("si", true)]
    [InlineData(" SÌ ", true)]
    [InlineData("NO", false)]
    [InlineData("no", false)]
    public void ReturnsYesNoGivenSiOrNo(string text, bool expected)
    {
        var value = ParseOk(text);

        Assert.Equal(ValueKind.YesNo, value.Kind);
        Assert.Equal(expected, value.YesNo);
        Assert.Null(value.Number);
    }

    [Theory]
    [InlineData("entro il 31/12/2019", 2019, 12, 31)]
    [InlineData("Entro il 31/12/2019", 2019, 12, 31)]
    [InlineData("entro 31/12/2019", 2019, 12, 31)]
    [InlineData("ENTRO IL 31/12/2019", 2019, 12, 31)]
    [InlineData("Avvio entro il 31/12/2019", 2019, 12, 31)]
    [InlineData("Messa a regime proposta organizzativa entro 30/06/2019", 2019, 6, 30)]
    [InlineData("Incremento offerta su nuovi servizi entro il 31/12/2019", 2019, 12, 31)]
    [InlineData("entro il 31-12-2019", 2019, 12, 31)]
    [InlineData("entro il 31.12.2019", 2019, 12, 31)]
    [InlineData("entro il 1/7/2019", 2019, 7, 1)]
    [InlineData("entro il 31/12/2019.", 2019, 12, 31)]
    [InlineData("entro il 31 dicembre 2019", 2019, 12, 31)]
    public void ReturnsDeadlineGivenEntroIlDate(string text, int year, int month, int day)
    {
        var value = ParseOk(text);

        Assert.Equal(ValueKind.Deadline, value.Kind);
        Assert.Equal(new DateOnly(year, month, day), value.Date);
    }

    [Theory]
    [InlineData("15/11/2019", 2019, 11, 15)]
    [InlineData("5/1/2020", 2020, 1, 5)]
    [InlineData("29/02/2020", 2020, 2, 29)]
    [InlineData("15-11-2019", 2019, 11, 15)]
    public void ReturnsDateGivenPlainDate(string text, int year, int month, int day)
    {
        var value = ParseOk(text);

        Assert.Equal(ValueKind.Date, value.Kind);
        Assert.Equal(new DateOnly(year, month, day), value.Date);
    }

    [Fact]
    public void KeepsTextAsWrittenTrimmedGivenSurroundingSpaces()
    {
        Assert.Equal("> 90%", ParseOk("  > 90%  ").Text);
    }

    [Fact]
    public void CollapsesInnerWhitespaceGivenSpacesAndTabs()
    {
        var value = ParseOk(">   90 \t %");

        Assert.Equal(Comparator.GreaterThan, value.Comparator);
        Assert.Equal(ValueKind.Percent, value.Kind);
        Assert.Equal(90m, value.Number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("dieci")]
    [InlineData("12abc")]
    [InlineData("12 abc")]
    [InlineData("%")]
    [InlineData("1.5")]
    [InlineData("1,2,3")]
    [InlineData("0.003")]
    [InlineData("1.00")]
    [InlineData("1.")]
    [InlineData(",5")]
    [InlineData(">")]
    [InlineData(">= SI")]
    [InlineData("> entro il 31/12/2019")]
    [InlineData("-")]
    [InlineData("31/02/2019")]
    [InlineData("00/01/2019")]
    [InlineData("entro il 31/02/2019")]
    [InlineData("entro il 31/13/2019")]
    [InlineData("entro domani")]
    [InlineData("1'75\"")]
    [InlineData("1,16’")]
    [InlineData("-3 minuti")]
    [InlineData("-1'16\"")]
    [InlineData("99999999999999999999999999999999")]
    [InlineData("1.000.000.000.000.000.000.000.000 mln")]
    [InlineData("6,5 km al giorno")]
    public void ReturnsErrorNotExceptionGivenBadInput(string? text)
    {
        var result = ItalianValues.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void AsksForAValueGivenEmptyInput(string? text)
    {
        Assert.StartsWith("Inserire un valore", ItalianValues.Parse(text).Error);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1,2,3")]
    [InlineData("0.003")]
    public void SuggestsDecimalCommaGivenMisplacedSeparators(string text)
    {
        var error = ItalianValues.Parse(text).Error;

        Assert.Contains($"«{text}»", error);
        Assert.Contains("Usare la virgola come separatore decimale, es. 1,5", error);
    }

    [Fact]
    public void NamesInputAndWhatWasExpectedGivenWord()
    {
        Assert.Equal(
            "Valore non riconosciuto: «dieci». Atteso un numero (es. 1.003 o 6,5), una percentuale (91,1%), " +
            "una durata (1'16\" o 9,9 giorni), SI/NO o una scadenza (entro il 31/12/2019).",
            ItalianValues.Parse("dieci").Error);
    }

    [Fact]
    public void NamesUnknownUnitGiven12abc()
    {
        var error = ItalianValues.Parse("12abc").Error;

        Assert.Contains("«12abc»", error);
        Assert.Contains("«abc» non è un'unità nota", error);
    }

    [Theory]
    [InlineData("31/02/2019")]
    [InlineData("entro il 31/02/2019")]
    public void SaysDateDoesNotExistGivenFebruary31(string text)
    {
        Assert.Contains("«31/02/2019» non esiste nel calendario", ItalianValues.Parse(text).Error);
    }

    [Fact]
    public void ReturnsErrorGivenInputLongerThan200Characters()
    {
        var result = ItalianValues.Parse(new string('1', 201));

        Assert.False(result.Succeeded);
        Assert.Contains("troppo lungo", result.Error);
    }

    [Fact]
    public void AcceptsInputOf200Characters()
    {
        var text = "Avvio entro il 31/12/2019".PadLeft(200, 'x');

        Assert.Equal(ValueKind.Deadline, ParseOk(text).Kind);
    }

    [Fact]
    public void ReturnsErrorGivenNumberTooLargeForDecimal()
    {
        var error = ItalianValues.Parse("99999999999999999999999999999999").Error;

        Assert.Contains("troppo grande", error);
    }

    private static ItalianValue ParseOk(string text)
    {
        var result = ItalianValues.Parse(text);
        Assert.True(result.Succeeded, result.Error);
        return result.Value!;
    }
}

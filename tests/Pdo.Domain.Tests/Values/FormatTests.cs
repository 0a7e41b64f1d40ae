using System.Globalization;
using Pdo.Domain.Attainment;
using Pdo.Domain.Values;

namespace Pdo.Domain.Tests.Values;

/// <summary>ItalianValues formatting: it-IT numbers, scores, durations, dates and comparators.</summary>
public class FormatTests
{
    [Theory]
    [InlineData(1003, "1.003")]
    [InlineData(6.5, "6,5")]
    [InlineData(-1.6, "-1,6")]
    [InlineData(1000000, "1.000.000")]
    [InlineData(1234567.891, "1.234.567,89")]
    [InlineData(2.345, "2,35")]
    [InlineData(-2.345, "-2,35")]
    [InlineData(0.004, "0")]
    [InlineData(-0.001, "0")]
    [InlineData(0, "0")]
    public void ReturnsItalianNumberGivenValue(double value, string expected)
    {
        Assert.Equal(expected, ItalianValues.FormatNumber((decimal)value));
    }

    [Fact]
    public void DropsTrailingZerosGivenDecimalWithScale()
    {
        Assert.Equal("6,5", ItalianValues.FormatNumber(6.500m));
    }

    [Theory]
    [InlineData(2.5, 0, "3")]
    [InlineData(-2.5, 0, "-3")]
    [InlineData(1.26666, 4, "1,2667")]
    [InlineData(80, 1, "80")]
    public void RoundsHalfAwayFromZeroGivenMaxDecimals(double value, int maxDecimals, string expected)
    {
        Assert.Equal(expected, ItalianValues.FormatNumber((decimal)value, maxDecimals));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    [InlineData("")]
    public void IgnoresCurrentCultureGivenAnyMachineCulture(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);

            Assert.Equal("1.234,5", ItalianValues.FormatNumber(1234.5m));
            Assert.Equal("91,1 %", ItalianValues.FormatScore(91.1m));
            Assert.Equal("31/12/2019", ItalianValues.FormatDate(new DateOnly(2019, 12, 31)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(91.1, ValueKind.Percent, null, "91,1 %")]
    [InlineData(-1.5, ValueKind.Percent, null, "-1,5 %")]
    [InlineData(91.1, ValueKind.Percent, "%", "91,1 %")]
    [InlineData(3, ValueKind.Minutes, null, "3 minuti")]
    [InlineData(1, ValueKind.Minutes, null, "1 minuto")]
    [InlineData(0.5, ValueKind.Minutes, null, "0'30\"")]
    [InlineData(2.25, ValueKind.Minutes, "min", "2'15\"")]
    [InlineData(9.9, ValueKind.Days, null, "9,9 giorni")]
    [InlineData(1, ValueKind.Days, null, "1 giorno")]
    [InlineData(6.5, ValueKind.Number, "km", "6,5 km")]
    [InlineData(6.5, ValueKind.Number, null, "6,5")]
    [InlineData(6.5, ValueKind.Number, "", "6,5")]
    [InlineData(1003, ValueKind.Number, "km", "1.003 km")]
    [InlineData(1, ValueKind.YesNo, null, "SI")]
    [InlineData(0, ValueKind.YesNo, null, "NO")]
    public void ReturnsValueInItsKindGivenKindAndUnit(double value, ValueKind kind, string? unit, string expected)
    {
        Assert.Equal(expected, ItalianValues.Format((decimal)value, kind, unit));
    }

    [Fact]
    public void ReturnsMinutesAndSecondsGiven76SixtiethsOfAMinute()
    {
        Assert.Equal("1'16\"", ItalianValues.Format(76m / 60m, ValueKind.Minutes));
    }

    [Theory]
    [InlineData("1'16\"")]
    [InlineData("3 minuti")]
    [InlineData("9,9 giorni")]
    [InlineData("91,1 %")]
    [InlineData("1.234.567,89")]
    [InlineData("6,5 km")]
    public void ParsesBackWhatItFormatsGivenTypicalValues(string text)
    {
        var parsed = ItalianValues.Parse(text).Value!;

        Assert.Equal(text, ItalianValues.Format(parsed.Number!.Value, parsed.Kind, parsed.Unit));
    }

    [Theory]
    [InlineData(ValueKind.Deadline)]
    [InlineData(ValueKind.Date)]
    public void ThrowsGivenDateKindWhichIsNoNumber(ValueKind kind)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ItalianValues.Format(1m, kind));
    }

    [Theory]
    [InlineData(91.1, "91,1 %")]
    [InlineData(100, "100,0 %")]
    [InlineData(83.3333, "83,3 %")]
    [InlineData(99.95, "99,9 %")]
    [InlineData(80.05, "80,1 %")]
    [InlineData(99.9, "99,9 %")]
    [InlineData(0, "0,0 %")]
    public void ReturnsOneDecimalPercentGivenScore(double score, string expected)
    {
        Assert.Equal(expected, ItalianValues.FormatScore((decimal)score));
    }

    [Fact]
    public void ReturnsDashGivenNoScore()
    {
        Assert.Equal("—", ItalianValues.FormatScore(null));
    }

    [Theory]
    [InlineData(2019, 12, 31, "31/12/2019")]
    [InlineData(2019, 7, 5, "05/07/2019")]
    public void ReturnsDayMonthYearGivenDate(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, ItalianValues.FormatDate(new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData(Comparator.AtLeast, "≥")]
    [InlineData(Comparator.GreaterThan, ">")]
    [InlineData(Comparator.AtMost, "≤")]
    [InlineData(Comparator.LessThan, "<")]
    [InlineData(Comparator.EqualTo, "=")]
    public void ReturnsSymbolGivenComparator(Comparator comparator, string expected)
    {
        Assert.Equal(expected, ItalianValues.FormatComparator(comparator));
    }

    [Theory]
    [InlineData(0, "0 obiettivi")]
    [InlineData(1, "1 obiettivo")]
    [InlineData(2, "2 obiettivi")]
    [InlineData(1003, "1.003 obiettivi")]
    public void ReturnsSingularOnlyForOneGivenCount(int count, string expected)
    {
        Assert.Equal(expected, ItalianValues.Count(count, "obiettivo", "obiettivi"));
    }

    [Theory]
    [InlineData(1, "1 giorno")]
    [InlineData(0, "0 giorni")]
    [InlineData(9.9, "9,9 giorni")]
    public void ReturnsDaysWithTheirPluralGivenDays(double days, string expected)
    {
        Assert.Equal(expected, ItalianValues.Format((decimal)days, ValueKind.Days));
    }
}

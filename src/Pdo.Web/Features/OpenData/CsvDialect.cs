using System.Text.RegularExpressions;

namespace Pdo.Web.Features.OpenData;

/// <summary>
/// How the open-data CSV is spelled: <see cref="Rfc4180"/> (comma, dot decimals, no BOM: the dataset's published form)
/// or <see cref="Excel"/> (semicolon, decimal comma, UTF-8 with BOM: what Excel in Italian opens by double click).
/// </summary>
public sealed partial record CsvDialect(char Separator, char DecimalMark, bool ByteOrderMark)
{
    public static readonly CsvDialect Rfc4180 = new(',', '.', false);

    public static readonly CsvDialect Excel = new(';', ',', true);

    /// <summary>A value of a numeric column as the dialect writes it: a dot-decimal number gets the dialect's decimal mark; a date, SI/NO or empty stays as it is.</summary>
    public string? Measure(string? value) =>
        value is not null && DecimalMark != '.' && DotDecimal().IsMatch(value)
            ? value.Replace('.', DecimalMark)
            : value;

    [GeneratedRegex(@"^-?\d+\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex DotDecimal();
}

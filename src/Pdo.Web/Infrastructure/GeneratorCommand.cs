using System.Globalization;
using Pdo.Infrastructure.Generation;

namespace Pdo.Web.Infrastructure;

/// <summary>Reads the options of `genera-dati`: --dal YEAR, --anni N, --obiettivi N, --kpi N, --seme N.</summary>
public static class GeneratorCommand
{
    public static GeneratorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new GeneratorOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (!int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new ArgumentException($"Valore non valido per {args[i]}: «{args[i + 1]}» (atteso un intero positivo).");
            }

            options = args[i] switch
            {
                "--dal" => options with { FirstYear = value },
                "--anni" => options with { Years = value },
                "--obiettivi" => options with { ObjectivesPerYear = value },
                "--kpi" => options with { KpisPerYear = value },
                "--seme" => options with { Seed = value },
                _ => throw new ArgumentException($"Opzione sconosciuta: {args[i]}. Opzioni: --dal, --anni, --obiettivi, --kpi, --seme."),
            };
        }

        return options;
    }
}

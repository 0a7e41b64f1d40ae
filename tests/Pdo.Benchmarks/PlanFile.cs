using System.Globalization;
using System.Text.Json;

namespace Pdo.Benchmarks;

/// <summary>
/// A city-scale plan file in the JSON interchange format (docs/plan-format.md), deterministic: the four sections and
/// areas of Milano, 20 Direzioni, N objectives of 5 KPIs each (percent, number, minutes, reduction, SI/NO or deadline),
/// In monitoraggio with the interim period open and an interim result for every KPI, one in five below target with its
/// justification. 40,000 objectives make a 200,000-KPI file of 38 MB.
/// </summary>
public static class PlanFile
{
    public const int KpisPerObjective = 5;

    private static readonly string[] Sections = ["SOL", "GES", "FUN", "DIR"];

    private static readonly string[] Areas = ["SOLIDALE", "ATTRATTIVA", "DIGITALE", "AMBIENTE"];

    public static byte[] Create(int objectives, int year = 2040)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("format", "pdo-plan");
            json.WriteNumber("formatVersion", 1);
            json.WriteNumber("year", year);
            json.WriteString("title", $"Piano degli Obiettivi {year} (file generato, {objectives} obiettivi)");
            json.WriteString("status", "Monitoring");
            json.WriteStartArray("periods");
            Period(json, "INT", "Monitoraggio intermedio", $"{year}-06-30", isFinal: false, isOpen: true);
            Period(json, "FIN", "Consuntivo", $"{year}-12-31", isFinal: true, isOpen: false);
            json.WriteEndArray();
            CodeNames(json, "categories", Sections.Select(s => (s, $"Sezione {s}")));
            CodeNames(json, "areas", Areas.Select(a => (a, $"Milano {a.ToLowerInvariant()}")));
            CodeNames(json, "directorates", Enumerable.Range(1, 20).Select(d => ($"GEN{d:D2}", $"Direzione generata {d}")));
            json.WriteStartArray("objectives");
            for (var o = 0; o < objectives; o++)
            {
                Objective(json, o, year);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Objective(Utf8JsonWriter json, int o, int year)
    {
        var section = Sections[o % Sections.Length];
        var code = $"G{o + 1:D6}";
        json.WriteStartObject();
        json.WriteString("code", code);
        json.WriteString("title", $"Obiettivo {o + 1}: programma di lavoro dell'anno");
        json.WriteString("category", section);
        if (section == "SOL")
        {
            json.WriteString("area", Areas[o / Sections.Length % Areas.Length]);
        }

        if (section is "GES" or "DIR")
        {
            json.WriteString("directorate", $"GEN{o % 20 + 1:D2}");
        }

        json.WriteString("narrative", "Obiettivo generato per la prova di importazione.\n\nDescrive il programma di lavoro e i risultati attesi.");
        json.WriteStartArray("kpis");
        for (var k = 0; k < KpisPerObjective; k++)
        {
            var (name, target, met, missed) = Shape((o + k) % 6, year);
            var below = (o + k) % 5 == 0;
            json.WriteStartObject();
            json.WriteString("code", $"{code}.{k + 1}");
            json.WriteString("name", $"{name} ({code}.{k + 1})");
            json.WriteString("target", target);
            json.WriteStartArray("results");
            json.WriteStartObject();
            json.WriteString("period", "INT");
            json.WriteString("actual", below ? missed : met);
            if (below)
            {
                json.WriteString("justification", "Scostamento dovuto a ritardi nelle forniture e nei cantieri.");
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static (string Name, string Target, string Met, string Missed) Shape(int shape, int year) => shape switch
    {
        0 => ("Avanzamento dei programmi di lavoro", ">= 70%", "91,1%", "56%"),
        1 => ("Pratiche digitalizzate", "> 30", "1.003", "24"),
        2 => ("Tempo medio di risposta", "<= 3 minuti", "1'16\"", "4 minuti"),
        3 => ("Riduzione delle emissioni", "-10%", "-12,5%", "-6%"),
        4 => ("Messa a regime del servizio", "SI", "SI", "NO"),
        _ => ("Avvio del progetto", string.Create(CultureInfo.InvariantCulture, $"entro il 30/11/{year}"), "SI", "NO"),
    };

    private static void Period(Utf8JsonWriter json, string code, string name, string endDate, bool isFinal, bool isOpen)
    {
        json.WriteStartObject();
        json.WriteString("code", code);
        json.WriteString("name", name);
        json.WriteString("endDate", endDate);
        json.WriteBoolean("isFinal", isFinal);
        json.WriteBoolean("isOpen", isOpen);
        json.WriteEndObject();
    }

    private static void CodeNames(Utf8JsonWriter json, string property, IEnumerable<(string Code, string Name)> items)
    {
        json.WriteStartArray(property);
        foreach (var (code, name) in items)
        {
            json.WriteStartObject();
            json.WriteString("code", code);
            json.WriteString("name", name);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}

using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Scoring;

namespace Pdo.Web.Features.Objectives;

/// <summary>Builds the objective page: narrative, the KPI table of the report and the explanation of every score.</summary>
public sealed class ObjectiveService(ScorecardService scorecards)
{
    public async Task<ObjectiveViewModel?> DetailsAsync(int year, string code, string? period, CancellationToken cancellationToken)
    {
        var card = await scorecards.LoadAsync(year, period, cancellationToken);
        var score = card?.FindObjective(code);
        if (card is null || score is null)
        {
            return null;
        }

        var objective = score.Objective;
        var plan = card.Plan;
        var periodCode = card.Period?.Code;
        var category = plan.Categories.First(c => c.Id == objective.CategoryId);
        var area = plan.Areas.FirstOrDefault(a => a.Id == objective.AreaId);
        var directorate = objective.Directorate;

        var groups = new List<KpiGroup>();
        foreach (var kpi in score.Kpis)
        {
            var row = Row(kpi);
            if (groups.Count > 0 && groups[^1].Label == kpi.Kpi.Group)
            {
                ((List<KpiRow>)groups[^1].Kpis).Add(row);
            }
            else
            {
                groups.Add(new KpiGroup(kpi.Kpi.Group, new List<KpiRow> { row }));
            }
        }

        return new ObjectiveViewModel(
            PlanService.Header(card),
            objective.Code,
            objective.Title,
            category.Name,
            Links.Category(year, category.Code, periodCode),
            area?.Name,
            area is null ? null : Links.Area(year, area.Code, periodCode),
            objective.DirectorateId,
            directorate?.Name,
            directorate is null ? null : Links.Directorate(year, directorate.Code, periodCode),
            ItalianValues.FormatNumber(objective.Weight),
            Narrative(objective.Narrative),
            objective.DataSourceNote,
            ScoreViewModel.From(score.Attainment),
            groups);
    }

    /// <summary>Splits narrative text into paragraphs (blank line) and bullet lists (lines starting with "• ").</summary>
    public static IReadOnlyList<NarrativeBlock> Narrative(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var blocks = new List<NarrativeBlock>();
        foreach (var block in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var paragraph = new List<string>();
            var items = new List<string>();
            foreach (var line in block.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (line.StartsWith('•'))
                {
                    items.Add(line.TrimStart('•').Trim());
                }
                else if (items.Count > 0)
                {
                    items[^1] = $"{items[^1]} {line}";
                }
                else
                {
                    paragraph.Add(line);
                }
            }

            if (paragraph.Count > 0)
            {
                blocks.Add(new NarrativeBlock(string.Join(' ', paragraph), []));
            }

            if (items.Count > 0)
            {
                blocks.Add(new NarrativeBlock(null, items));
            }
        }

        return blocks;
    }

    /// <summary>
    /// The actual as the rule book read it, only when the text as written does not say it by itself
    /// (e.g. "1,16’" read as 1'16"): a value typed in the usual way needs no second reading.
    /// </summary>
    public static string? ParsedActual(Kpi kpi, KpiResult? result)
    {
        if (result is null)
        {
            return null;
        }

        var written = ItalianValues.Parse(result.ActualText);
        if (written.Value is { } value && kpi.Interpret(value).Measurement is { } measurement && measurement == result.Measurement)
        {
            return null;
        }

        return result.Value is decimal number
            ? ItalianValues.Format(number, kpi.ValueKind, kpi.Unit)
            : result.CompletionDate is DateOnly date
                ? $"completato il {ItalianValues.FormatDate(date)}"
                : result.Done is bool done ? (done ? "SI" : "NO") : null;
    }

    private static KpiRow Row(KpiScore k) => new(
        k.Kpi.Code,
        k.Kpi.Name,
        k.Kpi.TargetText,
        k.Result?.ActualText ?? "—",
        ParsedActual(k.Kpi, k.Result),
        ItalianValues.FormatNumber(k.Kpi.Weight),
        k.Result?.Justification,
        ScoreViewModel.From(k.Attainment));
}

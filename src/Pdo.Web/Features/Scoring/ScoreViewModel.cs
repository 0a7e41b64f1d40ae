using Pdo.Domain.Attainment;
using Pdo.Domain.Values;

namespace Pdo.Web.Features.Scoring;

/// <summary>An explanation ready for the "Come è calcolato" panel.</summary>
public sealed record ExplanationViewModel(
    string Method,
    string Formula,
    IReadOnlyList<ExplanationInput> Inputs,
    string Methodology,
    string Summary)
{
    public static ExplanationViewModel From(Explanation e) => new(e.Method, e.Formula, e.Inputs, e.Methodology, e.Summary);
}

/// <summary>A score as every page shows it: "91,1 %", the status (label, CSS key, icon) and the coverage.</summary>
public sealed record ScoreViewModel(
    decimal? Value,
    string Display,
    AttainmentStatus Status,
    string StatusLabel,
    string StatusCss,
    string StatusIcon,
    string? Coverage,
    ExplanationViewModel Explanation)
{
    public static ScoreViewModel From(KpiAttainment a) =>
        Create(a.Score, a.Status, null, a.Explanation);

    public static ScoreViewModel From(AggregateAttainment a) =>
        Create(a.Score, a.Status, CoverageText(a.MeasuredKpis, a.TotalKpis), a.Explanation);

    public static string CoverageText(int measured, int total) =>
        total == 1 ? $"{measured} KPI rilevato su 1" : $"{measured} KPI rilevati su {total}";

    public static string Label(AttainmentStatus status) => status switch
    {
        AttainmentStatus.Achieved => "Raggiunto",
        AttainmentStatus.PartiallyAchieved => "Parzialmente raggiunto",
        AttainmentStatus.NotAchieved => "Non raggiunto",
        _ => "Non rilevato",
    };

    public static string Css(AttainmentStatus status) => status switch
    {
        AttainmentStatus.Achieved => "status-achieved",
        AttainmentStatus.PartiallyAchieved => "status-partial",
        AttainmentStatus.NotAchieved => "status-not-achieved",
        _ => "status-not-measured",
    };

    public static string Icon(AttainmentStatus status) => status switch
    {
        AttainmentStatus.Achieved => "it-check-circle",
        AttainmentStatus.PartiallyAchieved => "it-warning-circle",
        AttainmentStatus.NotAchieved => "it-close-circle",
        _ => "it-help-circle",
    };

    private static ScoreViewModel Create(decimal? score, AttainmentStatus status, string? coverage, Explanation explanation) =>
        new(score, ItalianValues.FormatScore(score), status, Label(status), Css(status), Icon(status), coverage, ExplanationViewModel.From(explanation));
}

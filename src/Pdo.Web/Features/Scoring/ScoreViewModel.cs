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

/// <summary>
/// An approved override as every score shows it next to the value (docs/attainment.md, "Forzature"): the computed score,
/// the forced one, the reason and who approved it, with one sentence for screen readers and tooltips.
/// </summary>
public sealed record OverrideViewModel(string ComputedDisplay, string OverrideDisplay, string Reason, string ApprovedBy, string ApprovedOn)
{
    /// <summary>Who approved, as the pages and the PDF name them: the OIV, not the person (<see cref="ApprovedOverride.Decider"/>).</summary>
    public static string Decider => ApprovedOverride.Decider;

    /// <summary>«Punteggio forzato 85,0 % (calcolato 80,0 %), approvato da OIV / Nucleo di Valutazione il 25/01/2021. Motivo: …».</summary>
    public string Text => $"Punteggio forzato {OverrideDisplay} (calcolato {ComputedDisplay}), approvato da {Decider} il {ApprovedOn}. Motivo: {Reason}";

    public static OverrideViewModel? From(KpiAttainment a) => a.Override is { } o
        ? new(AttainmentRules.ComputedScoreText(a), ItalianValues.FormatScore(o.Score), o.Reason, o.ApprovedBy, ItalianValues.FormatDate(RomeTime.Today(o.ApprovedAt)))
        : null;
}

/// <summary>
/// A score as every page shows it: "91,1 %", the status (label, CSS key, icon) and the coverage. A roll-up below full
/// coverage is provisional (<see cref="AttainmentRules.IsProvisional"/>): its label is «Provvisorio — 1 KPI rilevato su
/// 35» and it is drawn grey, whatever its band.
/// </summary>
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
    /// <summary>The approved override that gave a KPI this score, or null (then the score is the computed one).</summary>
    public OverrideViewModel? Override { get; init; }

    /// <summary>True when the score is a roll-up below full coverage («Provvisorio»).</summary>
    public bool IsProvisional { get; init; }

    /// <summary>The badge's word: «Provvisorio» for a provisional roll-up (its coverage is written next to it), else the status label.</summary>
    public string BadgeLabel => IsProvisional ? AttainmentRules.ProvisionalLabel : StatusLabel;

    public static ScoreViewModel From(KpiAttainment a) =>
        Create(a.Score, a.Status, null, a.Explanation) with { Override = OverrideViewModel.From(a) };

    public static ScoreViewModel From(AggregateAttainment a)
    {
        var score = Create(a.Score, a.Status, AttainmentRules.CoverageText(a.MeasuredKpis, a.TotalKpis), a.Explanation);
        return AttainmentRules.IsProvisional(a)
            ? score with
            {
                IsProvisional = true,
                StatusLabel = AttainmentRules.HeadlineLabel(a),
                StatusCss = Css(AttainmentStatus.NotMeasured),
                StatusIcon = ProvisionalIcon,
            }
            : score;
    }

    public static string Label(AttainmentStatus status) => AttainmentRules.StatusLabel(status);

    private const string ProvisionalIcon = "it-clock";

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

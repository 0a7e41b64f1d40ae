using Pdo.Domain.Attainment;
using Pdo.Domain.Values;

namespace Pdo.Domain.Plans;

/// <summary>Where a score override («forzatura») stands: proposta, approvata, respinta, ritirata.</summary>
public enum OverrideState
{
    Proposed,
    Approved,
    Rejected,
    Withdrawn,
}

/// <summary>
/// A score override («forzatura», docs/attainment.md, "Forzature"): the planning office proposes a different score
/// for a KPI in a period with a reason; the OIV approves or rejects it with its own note; the proposer may withdraw it
/// before the decision. An approved override replaces the computed score in every roll-up until a later approved
/// override of the same KPI and period supersedes it (history kept: nothing is ever deleted). Created only by
/// <see cref="Kpi.ProposeOverride"/>; every change only while the plan is in monitoring.
/// </summary>
public sealed class ScoreOverride
{
    /// <summary>The least number of characters of a reason and of a decision note.</summary>
    public const int MinTextLength = 10;

    private ScoreOverride()
    {
        Reason = string.Empty;
        ProposedById = string.Empty;
        ProposedByName = string.Empty;
    }

    internal ScoreOverride(Kpi kpi, MonitoringPeriod period, decimal score, string reason, string proposedById, string proposedByName, DateTimeOffset proposedAt)
    {
        Kpi = kpi;
        Period = period;
        PeriodId = period.Id;
        ProposedScore = score;
        Reason = reason;
        ProposedById = proposedById;
        ProposedByName = proposedByName;
        ProposedAt = proposedAt;
        State = OverrideState.Proposed;
        Version = VersionToken.New();
    }

    public int Id { get; private set; }

    public int KpiId { get; private set; }

    public Kpi? Kpi { get; private set; }

    public int PeriodId { get; private set; }

    public MonitoringPeriod? Period { get; private set; }

    /// <summary>The score proposed in place of the computed one, 0–100 with at most one decimal.</summary>
    public decimal ProposedScore { get; private set; }

    public string Reason { get; private set; }

    public string ProposedById { get; private set; }

    public string ProposedByName { get; private set; }

    public DateTimeOffset ProposedAt { get; private set; }

    public OverrideState State { get; private set; }

    public string? DecidedById { get; private set; }

    public string? DecidedByName { get; private set; }

    public string? DecisionNote { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public Guid Version { get; private set; }

    public bool IsPending => State == OverrideState.Proposed;

    /// <summary>The OIV approves: from now on (until superseded) the proposed score replaces the computed one.</summary>
    public void Approve(string deciderId, string deciderName, string? note, DateTimeOffset decidedAt) =>
        Decide(OverrideState.Approved, deciderId, deciderName, note, decidedAt);

    /// <summary>The OIV rejects: the computed score (or the override approved before) stays.</summary>
    public void Reject(string deciderId, string deciderName, string? note, DateTimeOffset decidedAt) =>
        Decide(OverrideState.Rejected, deciderId, deciderName, note, decidedAt);

    /// <summary>The proposer withdraws the proposal before the OIV decides.</summary>
    public void Withdraw(string userId, DateTimeOffset withdrawnAt)
    {
        RequirePending();
        if (!string.Equals(userId, ProposedById, StringComparison.Ordinal))
        {
            throw new DomainRuleException($"Solo chi ha proposto la forzatura ({ProposedByName}) può ritirarla.");
        }

        State = OverrideState.Withdrawn;
        DecidedAt = withdrawnAt;
        Version = VersionToken.New();
    }

    /// <summary>The facts the rule book needs (valid only for an approved override).</summary>
    public ApprovedOverride ToApproved() => State == OverrideState.Approved
        ? new ApprovedOverride(ProposedScore, Reason, DecidedByName ?? string.Empty, DecidedAt ?? ProposedAt, DecisionNote ?? string.Empty)
        : throw new InvalidOperationException("Only an approved override replaces a score.");

    /// <summary>
    /// Checks a proposed score: a number of percent points from 0 to 100 (the rule book's scale) with at most one
    /// decimal, as every score is shown.
    /// </summary>
    public static decimal CheckScore(decimal score)
    {
        if (score is < 0m or > 100m)
        {
            throw new DomainRuleException($"Il punteggio forzato deve essere tra 0 e 100 % (indicato: {ItalianValues.FormatNumber(score)} %).");
        }

        if (decimal.Round(score, 1) != score)
        {
            throw new DomainRuleException($"Il punteggio forzato si indica con al massimo un decimale, come ogni punteggio (es. 87,5 %): indicato {ItalianValues.FormatNumber(score, 4)} %.");
        }

        return score;
    }

    /// <summary>A reason or decision note: mandatory, at least <see cref="MinTextLength"/> characters.</summary>
    internal static string CheckText(string? text, string what, string missing)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainRuleException(missing);
        }

        var trimmed = Guard.Text(text, what, 2_000);
        return trimmed.Length < MinTextLength
            ? throw new DomainRuleException($"{what} deve avere almeno {MinTextLength} caratteri.")
            : trimmed;
    }

    private void Decide(OverrideState outcome, string deciderId, string deciderName, string? note, DateTimeOffset decidedAt)
    {
        RequirePending();
        var id = Guard.Text(deciderId, "Chi decide la forzatura", 450);
        if (string.Equals(id, ProposedById, StringComparison.Ordinal))
        {
            throw new DomainRuleException("Chi ha proposto la forzatura non può deciderla.");
        }

        DecisionNote = CheckText(note, "La nota della decisione", "La nota della decisione è obbligatoria: scrivere perché la forzatura è approvata o respinta.");
        DecidedById = id;
        DecidedByName = Guard.Text(deciderName, "Il nome di chi decide", 256);
        DecidedAt = decidedAt;
        State = outcome;
        Version = VersionToken.New();
    }

    private void RequirePending()
    {
        var plan = (Kpi ?? throw new InvalidOperationException("The override was loaded without its KPI.")).RequireObjective().RequirePlan();
        Kpi.EnsureOverridesEditable(plan);
        if (State != OverrideState.Proposed)
        {
            throw new DomainRuleException($"La forzatura è già {StateLabel(State).ToLowerInvariant()}: non si può più decidere né ritirare.");
        }
    }

    /// <summary>"Proposta", "Approvata", "Respinta", "Ritirata".</summary>
    public static string StateLabel(OverrideState state) => state switch
    {
        OverrideState.Approved => "Approvata",
        OverrideState.Rejected => "Respinta",
        OverrideState.Withdrawn => "Ritirata",
        _ => "Proposta",
    };
}

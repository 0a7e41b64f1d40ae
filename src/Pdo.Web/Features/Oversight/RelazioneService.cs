using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pdo.Domain.Attainment;
using Pdo.Domain.Oversight;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Identity;
using Pdo.Reporting.Model;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Reports;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Features.Oversight;

/// <summary>
/// The Relazione sulla Performance (LG 3/2018) of an approved plan: the consuntivo's report model of the whole plan
/// (<see cref="ReportService.BuildAsync"/>) with the Relazione's parts (headline, context, open observations, rule
/// book, validation); and the OIV's validation document. Both only when they make sense, else an Italian reason.
/// </summary>
public sealed class RelazioneService(
    AppDbContext db,
    ReportService reports,
    ObservationService observations,
    ValidationService validations,
    IOptions<EnteSettings> ente,
    TimeProvider clock)
{
    public async Task<(ConsuntivoExport? Export, string? Refusal)> RelazioneAsync(int year, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().Include(p => p.Validations).FirstOrDefaultAsync(p => p.Year == year, cancellationToken);
        if (plan is null)
        {
            return (null, null);
        }

        if (plan.Status != PlanStatus.Approved)
        {
            return (null, $"La Relazione sulla Performance si scarica per un piano approvato: il piano {year} è «{PlanService.StatusLabel(plan.Status)}».");
        }

        var target = await reports.ResolveAsync(year, ReportScope.Plan, null, cancellationToken);
        if (target is null || await reports.BuildAsync(target, null, cancellationToken) is not { } export)
        {
            return (null, null);
        }

        var report = export.Report;
        var open = await observations.OpenAsync(year, cancellationToken);
        var validation = plan.CurrentValidation is { } current ? ValidationService.View(current) : null;
        var parts = new RelazioneParts(
            Headline(report, plan),
            ReportService.Narrative(plan.Context),
            open.Select(o => new RelazioneObservation(
                $"{o.Subject} (obiettivo {o.ObjectiveCode} – {o.ObjectiveTitle})",
                o.StatusLabel,
                $"{o.OpenedBy}, {o.OpenedAt}",
                Blocks(o.Text),
                o.Messages.Select(m => new RelazioneAnswer($"{m.Author} ({m.Role}), {m.At}", Blocks(m.Text))).ToList())).ToList(),
            MeasurementProcess(plan),
            validation is null ? null : new RelazioneValidation(validation.OutcomeLabel, validation.Date, validation.SignedBy, Blocks(validation.Reasoning), Blocks(validation.Reservations)));
        return (new ConsuntivoExport(report with { Relazione = parts }, $"PDO-{year}-relazione-performance.pdf"), null);
    }

    public async Task<(ValidationReport? Report, string? Refusal)> ValidationDocumentAsync(int year, CancellationToken cancellationToken)
    {
        if (!await db.Plans.AnyAsync(p => p.Year == year, cancellationToken))
        {
            return (null, null);
        }

        if (await validations.CurrentAsync(year, cancellationToken) is not var (plan, v))
        {
            return (null, $"Il piano {year} non ha una validazione corrente della Relazione: il documento di validazione non esiste ancora.");
        }

        var now = clock.GetLocalNow();
        return (new ValidationReport
        {
            Organisation = ente.Value.Name,
            Year = year,
            PlanTitle = plan.Title,
            ApprovalText = plan.ApprovalAct is { } act ? PlanService.ApprovalText(act) : "non approvato",
            Outcome = v.OutcomeLabel,
            Date = v.Date,
            Reasoning = Blocks(v.Reasoning),
            Reservations = Blocks(v.Reservations),
            SignedBy = v.SignedBy,
            SignerRole = Roles.Label(Roles.Evaluator),
            RecordedAt = v.RecordedAt,
            GeneratedOn = ItalianValues.FormatDate(DateOnly.FromDateTime(now.DateTime)),
            GeneratedAt = now,
        }, null);
    }

    /// <summary>Section 1: the overall score, the objectives by status, the approval and the validation.</summary>
    private static IReadOnlyList<string> Headline(ConsuntivoReport report, PerformancePlan plan)
    {
        var objectives = report.Objectives.ToList();
        string Count(ReportStatus status, string one, string many) => ItalianValues.Count(objectives.Count(o => o.Score.Status == status), one, many);
        return
        [
            $"Il grado di raggiungimento complessivo del {report.PlanTitle} nel periodo «{report.PeriodName}» è {report.Overall.Display} ({report.Overall.StatusWithCoverage}), su {ItalianValues.Count(objectives.Count, "obiettivo", "obiettivi")} e {ItalianValues.Count(report.KpiCount, "KPI", "KPI")}.",
            $"Obiettivi per stato: {Count(ReportStatus.Achieved, "raggiunto", "raggiunti")}, {Count(ReportStatus.PartiallyAchieved, "parzialmente raggiunto", "parzialmente raggiunti")}, {Count(ReportStatus.NotAchieved, "non raggiunto", "non raggiunti")}, {Count(ReportStatus.NotMeasured, "non rilevato", "non rilevati")}.",
            $"Il consuntivo è approvato con {report.ApprovalText}.",
            OversightLabels.ValidationText(plan.Status, plan.CurrentValidation) + ".",
        ];
    }

    /// <summary>Section 6: how the results were measured, before the methodology annex of the consuntivo.</summary>
    private static IReadOnlyList<string> MeasurementProcess(PerformancePlan plan) =>
    [
        $"I punteggi sono calcolati dal portale Pdo con la versione {AttainmentRules.RuleBookVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)} del regolamento dei punteggi, la stessa per le pagine, i cruscotti, gli open data e questo documento.",
        "I risultati di ogni KPI sono inseriti dall'Ufficio Pianificazione e Controllo o dalla Direzione responsabile e confermati dal Direttore"
            + (plan.RequireFourEyesReview ? " (chi inserisce un risultato non può confermarlo: serve un secondo utente)" : string.Empty)
            + "; ogni risultato sotto il 100 % porta la motivazione dello scostamento; ogni modifica è registrata nello storico con autore, data e valori.",
        $"Un KPI è «Raggiunto» a 100 e «Parzialmente raggiunto» da {ItalianValues.FormatNumber(plan.PartiallyAchievedFrom)}; sotto è «Non raggiunto».",
    ];

    private static IReadOnlyList<ReportNarrativeBlock> Blocks(IReadOnlyList<NarrativeBlock> blocks) => ReportService.Narrative(blocks);
}

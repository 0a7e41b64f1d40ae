using Microsoft.Extensions.Options;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Infrastructure.Data;
using Pdo.Web.Features.Dashboards;
using Pdo.Web.Features.Objectives;
using Pdo.Web.Features.Plans;
using Pdo.Web.Features.Reports;
using Pdo.Web.Features.Scoring;
using Pdo.Web.Infrastructure;

namespace Pdo.Web.Features.Transparency;

/// <summary>
/// The public pages of the approved plans ("Amministrazione trasparente › Performance"). Every page model comes from the
/// services the signed-in pages use (<see cref="PlanService"/>, <see cref="ObjectiveService"/>, <see cref="ReportService"/>):
/// one way to compute and format a score. A plan that is not approved, or a year without a plan, is null (404).
/// </summary>
public sealed class TransparencyService(
    AppDbContext db,
    DashboardCache cache,
    PlanService plans,
    ObjectiveService objectives,
    ReportService reports,
    PdfDownloadService pdfs,
    IOptions<EnteSettings> ente)
{
    public PublicEnte Ente => new(ente.Value.Name, ente.Value.IpaCode, ente.Value.TransparencyUrl, ente.Value.WebsiteUrl);

    /// <summary>The approved plans, newest first, with their overall score and approval act.</summary>
    public async Task<TransparencyIndexViewModel> IndexAsync(CancellationToken cancellationToken)
    {
        var approved = (await ApprovedAsync(cancellationToken)).Select(s => s.Year).ToHashSet();
        var list = await plans.ListAsync(cancellationToken);
        return new TransparencyIndexViewModel(Ente, list.Plans.Where(p => approved.Contains(p.Year)).ToList());
    }

    public async Task<PlanOverviewViewModel?> PlanAsync(int year, CancellationToken cancellationToken) =>
        await IsApprovedAsync(year, cancellationToken) ? await plans.OverviewAsync(year, null, cancellationToken) : null;

    public async Task<GroupPageViewModel?> CategoryAsync(int year, string code, CancellationToken cancellationToken) =>
        await IsApprovedAsync(year, cancellationToken) ? await plans.CategoryAsync(year, code, null, cancellationToken) : null;

    public async Task<GroupPageViewModel?> AreaAsync(int year, string code, CancellationToken cancellationToken) =>
        await IsApprovedAsync(year, cancellationToken) ? await plans.AreaAsync(year, code, null, cancellationToken) : null;

    public async Task<GroupPageViewModel?> DirectorateAsync(int year, string code, CancellationToken cancellationToken) =>
        await IsApprovedAsync(year, cancellationToken) ? await plans.DirectorateAsync(year, code, null, cancellationToken) : null;

    /// <summary>The objective page's model; its year-over-year rows come from approved plans only.</summary>
    public async Task<ObjectiveViewModel?> ObjectiveAsync(int year, string code, CancellationToken cancellationToken) =>
        await IsApprovedAsync(year, cancellationToken) ? await objectives.DetailsAsync(year, code, null, cancellationToken, approvedPlansOnly: true) : null;

    /// <summary>Overall and per-section scores of every approved plan, oldest first, each on the period its pages show.</summary>
    public async Task<TrendViewModel> TrendAsync(CancellationToken cancellationToken)
    {
        var approved = await ApprovedAsync(cancellationToken);

        // Sections by code, named as in the latest plan that has them.
        var sections = approved
            .SelectMany(s => s.Categories.Select(c => (s.Year, c.Code, c.Name, c.SortOrder)))
            .GroupBy(c => c.Code, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(c => c.Year).First())
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        var years = approved.Select(s =>
        {
            var rollups = s.Rollups(s.DefaultPeriod?.Id ?? PlanSnapshot.NoPeriod);
            return new TrendYear(
                s.Year,
                s.Title,
                ScoreViewModel.From(rollups.Overall),
                sections.Select(section => rollups.Categories.FirstOrDefault(c => string.Equals(c.Code, section.Code, StringComparison.OrdinalIgnoreCase)) is { } g
                    ? ScoreViewModel.From(g.Attainment)
                    : null).ToList());
        }).ToList();

        var chartData = new
        {
            years = new
            {
                labels = years.Select(y => y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                datasets = new[] { new { label = "Complessivo", values = years.Select(y => Rounded(y.Overall)).ToList() } }
                    .Concat(sections.Select((section, i) => new { label = section.Name, values = years.Select(y => Rounded(y.Sections[i])).ToList() })),
            },
        };
        return new TrendViewModel(Ente, sections.Select(s => s.Name).ToList(), years, chartData);
    }

    /// <summary>The consuntivo PDF of an approved plan: the signed-in export's service (the same kept file), nothing else.</summary>
    public async Task<PdfDownload?> ConsuntivoAsync(int year, CancellationToken cancellationToken) =>
        await IsApprovedAsync(year, cancellationToken) && await reports.ResolveAsync(year, ReportScope.Plan, null, cancellationToken) is { } target
            ? (await pdfs.ConsuntivoAsync(target, null, pdfA: false, cancellationToken)).Pdf
            : null;

    private static decimal? Rounded(ScoreViewModel? score) => score?.Value is decimal v ? AttainmentRules.RoundForDisplay(v) : null;

    private async Task<bool> IsApprovedAsync(int year, CancellationToken cancellationToken) =>
        (await ApprovedAsync(cancellationToken)).Any(s => s.Year == year);

    private async Task<IReadOnlyList<PlanSnapshot>> ApprovedAsync(CancellationToken cancellationToken) =>
        Approved(await cache.AllAsync(db, cancellationToken));

    /// <summary>The approved plans' snapshots, oldest first: what every public page is built from (and cached by).</summary>
    public static IReadOnlyList<PlanSnapshot> Approved(IReadOnlyList<PlanSnapshot> snapshots) =>
        snapshots.Where(s => s.Status == PlanStatus.Approved).ToList();
}

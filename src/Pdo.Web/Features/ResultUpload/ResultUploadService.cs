using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Pdo.Domain;
using Pdo.Domain.Attainment;
using Pdo.Domain.Plans;
using Pdo.Domain.Values;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Data;
using Pdo.Infrastructure.Spreadsheets;
using Pdo.Web.Features.Results;
using Pdo.Web.Infrastructure;
using Pdo.Web.Security;

namespace Pdo.Web.Features.ResultUpload;

/// <summary>
/// Results collected in the spreadsheet template (one Direzione, one open period): the file is validated whole,
/// each value read through the result-entry form's own parser and scoring, shown as a preview, kept server-side and,
/// once confirmed, validated again against the database and saved all or nothing through <see cref="Kpi.RecordResult"/>,
/// audited with the file name as reason. A row changed in the portal since the download is a conflict, never saved.
/// </summary>
public sealed class ResultUploadService(
    AppDbContext db,
    PendingUploadStore store,
    IAuthorizationService authorization,
    IAuditContext audit,
    TimeProvider clock,
    ILogger<ResultUploadService> logger)
{
    // The template's layout is the collection's (Features/Collection): one definition for writing and reading.
    public const string Sheet = Collection.CollectionService.ResultsSheet;

    public const string StateSheet = Collection.CollectionService.StateSheet;

    public const string WholeEntity = Collection.CollectionService.EnteCode;

    private static readonly string[] RequiredHeaders = [.. Collection.CollectionService.Headers.Where(h => h is "Chiave" or "Versione" or "Nuovo valore" or "Motivazione dello scostamento")];

    public async Task<ResultUploadResult> ShowAsync(int year, CancellationToken cancellationToken)
    {
        var title = await TitleAsync(year, cancellationToken);
        return title is null ? new(ResultUploadOutcome.NotFound) : new(ResultUploadOutcome.Refused, new ResultUploadViewModel(year, title, null, []));
    }

    /// <summary>Keeps the file, validates it and returns the preview, or the upload page with every error (and deletes the file).</summary>
    public async Task<ResultUploadResult> PreviewAsync(int year, IFormFile? file, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var title = await TitleAsync(year, cancellationToken);
        if (title is null)
        {
            return new(ResultUploadOutcome.NotFound);
        }

        var name = file is null ? null : Path.GetFileName(file.FileName);
        if (file is null || file.Length == 0)
        {
            return Refused(year, title, name, ["Scegliere il file Excel (.xlsx) dei risultati."]);
        }

        if (file.Length > PendingUploadLimits.MaxFileBytes)
        {
            return Refused(year, title, name, [PlanImport.PlanFileSizeLimitAttribute.TooLarge]);
        }

        if (!name!.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(year, title, name, ["Il file deve essere una cartella di lavoro Excel (.xlsx): il modello scaricato dalla pagina della raccolta."]);
        }

        string id;
        await using (var content = file.OpenReadStream())
        {
            id = await store.SaveAsync(content, user.AuditName(), name, cancellationToken);
        }

        var validation = await ValidateAsync(year, store.FindAsync(id, user.AuditName(), cancellationToken), user, confirmFar: false, forSaving: false, cancellationToken);
        if (validation.Errors.Count > 0)
        {
            store.Delete(id);
            return Refused(year, title, name, validation.Errors);
        }

        return new(ResultUploadOutcome.Preview, Preview: PreviewModel(year, title, id, name, validation, []));
    }

    /// <summary>Validates the kept file again against the current database and saves every non-conflicting row, or nothing.</summary>
    public async Task<ResultUploadResult> ConfirmAsync(int year, string? id, bool confirmFar, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var title = await TitleAsync(year, cancellationToken);
        if (title is null)
        {
            return new(ResultUploadOutcome.NotFound);
        }

        var found = await store.FindAsync(id, user.AuditName(), cancellationToken);
        if (found is null)
        {
            return Refused(year, title, null, ["Il file caricato non è più disponibile (è passata più di un'ora o è già stato confermato): caricarlo di nuovo."]);
        }

        var (_, fileName) = found.Value;
        var validation = await ValidateAsync(year, Task.FromResult(found), user, confirmFar, forSaving: true, cancellationToken);
        if (validation.Errors.Count > 0)
        {
            store.Delete(id!);
            return Refused(year, title, fileName, validation.Errors);
        }

        var far = validation.Rows.Where(r => !r.IsConflict && r.ConfirmError is not null).Select(r => r.ConfirmError!).ToList();
        if (far.Count > 0)
        {
            return new(ResultUploadOutcome.Preview, Preview: PreviewModel(year, title, id!, fileName, validation,
                ["Alcuni valori sono molto lontani dal target: controllarli e spuntare «Confermo i valori lontani dal target»."]));
        }

        var now = clock.GetUtcNow();
        var saved = 0;
        try
        {
            foreach (var row in validation.Rows.Where(r => !r.IsConflict))
            {
                if (row.Kpi.ResultFor(validation.Period!) is { } existing)
                {
                    // The version in the file must still be the stored one when the row is written (no lost update).
                    db.Entry(existing).Property(r => r.Version).OriginalValue = row.Version!.Value;
                }

                row.Kpi.RecordResult(validation.Period!, row.Actual, row.Measurement!, row.Justification, user.AuditName(), now);
                saved++;
            }
        }
        catch (DomainRuleException ex)
        {
            db.ChangeTracker.Clear();
            store.Delete(id!);
            return Refused(year, title, fileName, [$"Nessun risultato salvato: {ex.Message}"]);
        }

        if (saved == 0)
        {
            store.Delete(id!);
            return new(ResultUploadOutcome.Saved, Message: $"Nessun risultato salvato dal file {fileName}: nessuna riga modificata senza conflitti.");
        }

        audit.Reason = $"File {fileName}";
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning("Results upload conflict on {Year} by {User}: {Reason}", year, user.AuditName(), ExpectedConflicts.Reason(ex));
            db.ChangeTracker.Clear();
            return Refused(year, title, fileName, ["Nel frattempo qualcuno ha salvato alcuni di questi risultati nel portale: nessun risultato salvato. Caricare di nuovo il file per vedere i conflitti."]);
        }
        finally
        {
            audit.Reason = null;
        }

        store.Delete(id!);
        logger.LogInformation("{Count} results of {Year} saved from {File} by {User}", saved, year, fileName, user.AuditName());
        return new(ResultUploadOutcome.Saved, Message: $"{ItalianValues.Count(saved, "risultato salvato", "risultati salvati")} dal file {fileName}.");
    }

    private Task<string?> TitleAsync(int year, CancellationToken cancellationToken) =>
        db.Plans.AsNoTracking().Where(p => p.Year == year).Select(p => p.Title).FirstOrDefaultAsync(cancellationToken);

    private static ResultUploadResult Refused(int year, string title, string? fileName, IReadOnlyList<string> errors) =>
        new(ResultUploadOutcome.Refused, new ResultUploadViewModel(year, title, fileName, errors));

    private static ResultUploadPreviewViewModel PreviewModel(int year, string title, string id, string fileName, Validation validation, IReadOnlyList<string> errors) =>
        new(year, title, id, fileName, validation.Period!.Name, validation.DirectorateName!, validation.Rows.Select(r => new ResultUploadRow(
            r.Cell,
            r.Kpi.Objective!.Code,
            r.Kpi.Code,
            r.Kpi.Name,
            r.Kpi.ResultFor(validation.Period)?.ActualText ?? "—",
            r.Parsed,
            r.Score,
            r.JustificationRequired,
            !string.IsNullOrWhiteSpace(r.Justification),
            r.FarFromTarget,
            r.IsConflict)).ToList(), errors);

    private async Task<Validation> ValidateAsync(
        int year, Task<(string Path, string FileName)?> pending, ClaimsPrincipal user, bool confirmFar, bool forSaving, CancellationToken cancellationToken)
    {
        var found = await pending;
        if (found is null)
        {
            return Validation.Fail("Il file caricato non è più disponibile: caricarlo di nuovo.");
        }

        await using var stream = File.OpenRead(found.Value.Path);
        try
        {
            using var reader = XlsxReader.Open(stream);
            return await ValidateAsync(year, reader, user, confirmFar, forSaving, cancellationToken);
        }
        catch (XlsxFileException ex)
        {
            return Validation.Fail(ex.Message);
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            return Validation.Fail("Il file è danneggiato o non è una cartella di lavoro Excel (.xlsx).");
        }
    }

    /// <param name="forSaving">
    /// Whether the rows' KPIs are loaded to be changed (tracked, bound to the plan loaded here); a preview only reads them,
    /// without change tracking (with their objectives' plan, which scoring needs), at a fraction of the cost for thousands of rows.
    /// </param>
    private async Task<Validation> ValidateAsync(int year, XlsxReader reader, ClaimsPrincipal user, bool confirmFar, bool forSaving, CancellationToken cancellationToken)
    {
        // The template's own sheet says which plan, period and Direzione it was made for.
        var state = reader.Rows(StateSheet)?.Where(r => r["A"] is not null)
            .ToDictionary(r => r["A"]!.Text.Trim(), r => r["B"]?.Text.Trim() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        if (state is null || !state.TryGetValue("anno", out var fileYear) || !state.TryGetValue("periodo", out var periodCode) || !state.TryGetValue("direzione", out var directorateCode))
        {
            return Validation.Fail($"Il file non è un modello di raccolta dei risultati di Pdo: manca il foglio «{StateSheet}» con anno, periodo e direzione. Scaricare il modello dalla pagina della raccolta.");
        }

        if (fileYear != year.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return Validation.Fail($"Il file è il modello del piano {fileYear}, non del piano {year}.");
        }

        var plan = await db.Plans.Where(p => p.Year == year).Include(p => p.Periods).FirstOrDefaultAsync(cancellationToken);
        var period = plan?.PeriodWithCode(periodCode);
        if (plan is null || period is null)
        {
            return Validation.Fail($"{StateSheet}!B2: il periodo «{periodCode}» non esiste nel piano {year}.");
        }

        if (ResultEntryService.ReadOnlyReason(plan, period) is { } readOnly)
        {
            return Validation.Fail(readOnly);
        }

        int? directorateId = null;
        var directorateName = "Obiettivi dell'Ente";
        if (!string.Equals(directorateCode, WholeEntity, StringComparison.OrdinalIgnoreCase))
        {
            var directorate = await db.Directorates.AsNoTracking().FirstOrDefaultAsync(d => d.Code == directorateCode, cancellationToken);
            if (directorate is null)
            {
                return Validation.Fail($"{StateSheet}!B3: la Direzione «{directorateCode}» non esiste.");
            }

            (directorateId, directorateName) = (directorate.Id, directorate.Name);
        }

        if (!(await authorization.AuthorizeAsync(user, new DirectorateResource(directorateId), Operations.EnterResults)).Succeeded)
        {
            return Validation.Fail($"Il file è della Direzione «{directorateName}»: non si possono inserire i suoi risultati con questo utente.");
        }

        var owned = db.Objectives.Where(o => o.PlanId == plan.Id && o.DirectorateId == directorateId);
        var objectives = await (forSaving ? owned : owned.AsNoTrackingWithIdentityResolution().Include(o => o.Plan))
            .Include(o => o.Kpis).ThenInclude(k => k.Results)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var kpis = objectives.SelectMany(o => o.Kpis).ToDictionary(k => $"{k.Objective!.Code}|{k.Code}", StringComparer.OrdinalIgnoreCase);

        if (reader.Rows(Sheet) is not { } rows)
        {
            return Validation.Fail($"Il file non ha il foglio «{Sheet}».");
        }

        if (reader.HasMergedCells(Sheet))
        {
            return Validation.Fail($"Il foglio «{Sheet}» ha celle unite: usare il modello senza unire celle.");
        }

        var errors = new List<string>();
        var readRows = new List<ReadRow>();
        Dictionary<string, string>? columns = null;
        foreach (var row in rows)
        {
            if (columns is null)
            {
                // Columns are found by their header text, wherever they were moved.
                columns = row.Cells.Values.GroupBy(c => c.Text.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Column, StringComparer.OrdinalIgnoreCase);
                var missing = RequiredHeaders.Where(h => !columns.ContainsKey(h)).ToList();
                if (missing.Count > 0)
                {
                    return Validation.Fail($"Nella riga 1 del foglio «{Sheet}» mancano le colonne {string.Join(", ", missing.Select(m => $"«{m}»"))}.");
                }

                continue;
            }

            if (Read(row, columns, kpis, period, confirmFar, errors) is { } read)
            {
                readRows.Add(read);
            }
        }

        if (columns is null)
        {
            return Validation.Fail($"Il foglio «{Sheet}» è vuoto.");
        }

        if (readRows.GroupBy(r => r.Kpi.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add($"{Sheet}!{twice.Last().Cell}: il KPI {twice.First().Kpi.Objective!.Code}|{twice.First().Kpi.Code} compare più di una volta.");
        }

        return errors.Count > 0 ? new Validation(errors, [], null, null) : new Validation([], readRows, period, directorateName);
    }

    private static ReadRow? Read(
        XlsxRow row, Dictionary<string, string> columns, Dictionary<string, Kpi> kpis, MonitoringPeriod period, bool confirmFar, List<string> errors)
    {
        var valueColumn = columns["Nuovo valore"];
        var cell = $"{valueColumn}{row.Index}";
        var keyText = row[columns["Chiave"]]?.Text.Trim();
        var valueCell = row[valueColumn];
        if (string.IsNullOrEmpty(keyText))
        {
            if (valueCell is not null)
            {
                errors.Add($"{Sheet}!{columns["Chiave"]}{row.Index}: manca la chiave del KPI (colonna «Chiave», nascosta): usare il modello scaricato.");
            }

            return null;
        }

        if (!kpis.TryGetValue(keyText, out var kpi))
        {
            errors.Add($"{Sheet}!{columns["Chiave"]}{row.Index}: «{keyText}» non è un KPI di questa Direzione nel piano.");
            return null;
        }

        var label = $"{Sheet}!{cell} (KPI {keyText} «{kpi.Name}»)";
        if (valueCell?.HasFormula == true)
        {
            errors.Add($"{label}: la cella contiene una formula; scrivere il valore.");
            return null;
        }

        // A number pasted into the cell is written the Italian way and read by the same parser as the form.
        var actual = valueCell?.Number is { } number ? ItalianValues.FormatNumber(number, 10) : valueCell?.Text.Trim();
        if (string.IsNullOrEmpty(actual))
        {
            return null; // empty: no change
        }

        var justification = row[columns["Motivazione dello scostamento"]]?.Text.Trim();
        var versionText = row[columns["Versione"]]?.Text.Trim();
        Guid? version = null;
        if (!string.IsNullOrEmpty(versionText))
        {
            if (!Guid.TryParse(versionText, out var parsedVersion))
            {
                errors.Add($"{Sheet}!{columns["Versione"]}{row.Index} (KPI {keyText}): la versione non è leggibile; usare il modello scaricato.");
                return null;
            }

            version = parsedVersion;
        }

        var line = new ResultEntryLine { KpiId = kpi.Id, Actual = actual, Justification = justification, Version = version, ConfirmValue = confirmFar };
        var reading = ResultEntryService.Read(kpi, line, period);
        if (reading.ActualError is { } actualError)
        {
            errors.Add($"{label}: {actualError}");
            return null;
        }

        if (reading.JustificationError is { } justificationError)
        {
            errors.Add($"{Sheet}!{columns["Motivazione dello scostamento"]}{row.Index} (KPI {keyText} «{kpi.Name}»): {justificationError}");
            return null;
        }

        var existing = kpi.ResultFor(period);
        if (existing is not null && existing.ActualText == actual && existing.Measurement == reading.Measurement
            && (existing.Justification ?? string.Empty) == (justification ?? string.Empty))
        {
            return null; // as stored: nothing to save
        }

        var conflict = (existing is null && version is not null) || (existing is not null && existing.Version != version);
        return new ReadRow(cell, kpi, actual, justification, version, reading.Measurement, reading.Parsed ?? actual,
            reading.Attainment is { } a ? ItalianValues.FormatScore(a.Score) : null, reading.Attainment?.Score < 100m,
            reading.FarFromTarget, reading.ConfirmError, conflict);
    }

    private sealed record ReadRow(
        string Cell,
        Kpi Kpi,
        string Actual,
        string? Justification,
        Guid? Version,
        Measurement? Measurement,
        string Parsed,
        string? Score,
        bool JustificationRequired,
        string? FarFromTarget,
        string? ConfirmError,
        bool IsConflict);

    private sealed record Validation(IReadOnlyList<string> Errors, IReadOnlyList<ReadRow> Rows, MonitoringPeriod? Period, string? DirectorateName)
    {
        public static Validation Fail(string error) => new([error], [], null, null);
    }
}

/// <summary>The results file has the plan import's size limit.</summary>
public static class PendingUploadLimits
{
    public const long MaxFileBytes = PlanImport.PlanImportController.MaxFileBytes;
}

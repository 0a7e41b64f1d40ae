namespace Pdo.Web.Features;

/// <summary>The portal's Italian URLs, in one place.</summary>
public static class Links
{
    public static string Plans => "/piani";

    /// <summary>The Amministratore's Direzioni (reference data).</summary>
    public static string Directorates => "/amministrazione/direzioni";

    public static string DirectorateEdit(string code) => $"{Directorates}/{Uri.EscapeDataString(code)}/modifica";

    /// <summary>"Sicurezza dell'account": the second factor of the signed-in user.</summary>
    public static string AccountSecurity => "/accesso/sicurezza";

    /// <summary>Enrolment of an authenticator app (where an administrator without a second factor is sent).</summary>
    public static string TwoFactorEnrolment => "/accesso/sicurezza/autenticatore";

    public static string Plan(int year, string? period = null) => WithPeriod($"/piani/{year}", period);

    /// <summary>The upload of a results spreadsheet filled by a Direzione (<c>raccolta/carica</c>).</summary>
    public static string ResultUpload(int year) => $"/piani/{year}/raccolta/carica";

    /// <summary>The plan's dashboard (<c>cruscotto</c>), before any filter.</summary>
    public static string Dashboard(int year) => $"/piani/{year}/cruscotto";

    /// <summary>The plan's structure: title, methodology, sections, strategic areas and monitoring periods.</summary>
    public static string PlanStructure(int year) => $"/piani/{year}/struttura";

    /// <summary>The planning office's board of missing, returned and unconfirmed results.</summary>
    public static string MonitoringBoard(int year) => $"/piani/{year}/monitoraggio";

    /// <summary>The collection of results by spreadsheet: each Direzione's template for the open periods.</summary>
    public static string Collection(int year) => $"/piani/{year}/raccolta";

    /// <summary>The results template of a Direzione (its code, or <c>ENTE</c>) for a period.</summary>
    public static string CollectionTemplate(int year, string directorate, string period) =>
        $"/piani/{year}/raccolta/{Uri.EscapeDataString(directorate)}/modello.xlsx?periodo={Uri.EscapeDataString(period)}";

    /// <summary>The upload of filled-in results templates.</summary>

    public static string Category(int year, string code, string? period = null) => WithPeriod($"/piani/{year}/sezioni/{Uri.EscapeDataString(code)}", period);

    public static string Area(int year, string code, string? period = null) => WithPeriod($"/piani/{year}/aree/{Uri.EscapeDataString(code)}", period);

    public static string Directorate(int year, string code, string? period = null) => WithPeriod($"/piani/{year}/direzioni/{Uri.EscapeDataString(code)}", period);

    /// <summary>The form of an objective's «Descrizione e risultati» and data-source note.</summary>
    public static string ObjectiveNarrative(int year, string code) => $"/piani/{year}/obiettivi/{Uri.EscapeDataString(code)}/descrizione";

    /// <summary>The form of the plan's introduction and closing note of the consuntivo.</summary>
    public static string PlanTexts(int year) => $"/piani/{year}/testi";

    public static string Objective(int year, string code, string? period = null) => WithPeriod($"/piani/{year}/obiettivi/{Uri.EscapeDataString(code)}", period);

    /// <summary>Result entry of an objective's KPIs for a period.</summary>
    public static string Results(int year, string objectiveCode, string? period = null) =>
        WithPeriod($"/piani/{year}/obiettivi/{Uri.EscapeDataString(objectiveCode)}/risultati", period);

    /// <summary>The Direttore's inbox of results to confirm or return.</summary>
    public static string ReviewInbox => "/revisione";

    /// <summary>The approval of the consuntivo, with its blockers and the non rilevabile declarations.</summary>
    public static string Approve(int year) => $"/piani/{year}/approva";

    /// <summary>The plan's score overrides («forzature»): proposals, decisions, history.</summary>
    public static string Overrides(int year) => $"/piani/{year}/forzature";

    /// <summary>The planning office's proposal of a score override for a KPI.</summary>
    public static string ProposeOverride(int year, string objectiveCode, string kpiCode) =>
        $"{Overrides(year)}/nuova?obiettivo={Uri.EscapeDataString(objectiveCode)}&kpi={Uri.EscapeDataString(kpiCode)}";
    /// <summary>The OIV's observations of a plan, optionally of one state (<c>stato</c>: aperte, con-risposta, chiuse).</summary>
    public static string Observations(int year, string? status = null) =>
        string.IsNullOrEmpty(status) ? $"/piani/{year}/osservazioni" : $"/piani/{year}/osservazioni?stato={Uri.EscapeDataString(status)}";

    /// <summary>An action on one observation (<c>risposta</c>, <c>chiudi</c>, <c>riapri</c>).</summary>
    public static string Observation(int year, int id, string action) => $"/piani/{year}/osservazioni/{id}/{action}";

    /// <summary>The OIV's checks page of a plan (LG 3/2018).</summary>
    public static string Checks(int year) => $"/piani/{year}/verifiche";

    /// <summary>The OIV's validation of the Relazione: form and history.</summary>
    public static string Validation(int year) => $"/piani/{year}/validazione";

    public static string ValidationPdf(int year) => $"/piani/{year}/validazione.pdf";

    public static string Relazione(int year) => $"/piani/{year}/relazione.pdf";

    private static string WithPeriod(string path, string? period) =>
        string.IsNullOrEmpty(period) ? path : $"{path}?periodo={Uri.EscapeDataString(period)}";

    /// <summary>The page of a background job (long import or export), only for the user who started it.</summary>
    public static string Job(string id) => $"/lavori/{Uri.EscapeDataString(id)}";

    public static string JobStatus(string id) => $"{Job(id)}/stato";

    public static string JobFile(string id) => $"{Job(id)}/file";
}

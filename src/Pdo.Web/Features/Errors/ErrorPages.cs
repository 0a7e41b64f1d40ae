namespace Pdo.Web.Features.Errors;

/// <summary>What an error page says: its Italian title and text, and the specific reason when the layer that refused the request left one.</summary>
public sealed record ErrorPageViewModel(int StatusCode, string Title, string Text, string? Detail, string? RetryUrl);

/// <summary>
/// The Italian title and text of every client error the portal can answer (any other 4xx gets a generic one), and the
/// specific reason a layer can leave for the status-code page (<see cref="SetDetail"/>) before it answers with a bare status.
/// </summary>
public static class ErrorPages
{
    /// <summary>The message of a POST whose antiforgery token no longer validates (expired, or the form came from another session).</summary>
    public const string StaleForm = "Il modulo è scaduto o è stato aperto in un'altra sessione: ricaricare la pagina e riprovare.";

    private const string DetailItem = "Pdo.ErrorDetail";

    private static readonly Dictionary<int, (string Title, string Text)> Texts = new()
    {
        [StatusCodes.Status400BadRequest] = ("Richiesta non valida", "Il portale non ha potuto elaborare la richiesta perché è incompleta o non valida."),
        [StatusCodes.Status401Unauthorized] = ("Accesso richiesto", "Per vedere questa pagina occorre accedere al portale."),
        [StatusCodes.Status405MethodNotAllowed] = ("Operazione non consentita", "L'indirizzo esiste, ma non accetta questo tipo di richiesta: ad esempio l'invio di un modulo a una pagina che si può solo consultare."),
        [StatusCodes.Status408RequestTimeout] = ("Tempo scaduto", "La richiesta non è arrivata per intero entro il tempo previsto. Controllare la connessione e riprovare."),
        [StatusCodes.Status409Conflict] = ("Modifica in conflitto", "La richiesta è in conflitto con lo stato attuale dei dati, forse modificati nel frattempo da un'altra persona. Ricaricare la pagina e riprovare."),
        [StatusCodes.Status410Gone] = ("Pagina non più disponibile", "La pagina che cerchi è stata rimossa."),
        [StatusCodes.Status413PayloadTooLarge] = ("File troppo grande", "I dati inviati superano la dimensione massima accettata dal portale."),
        [StatusCodes.Status414UriTooLong] = ("Indirizzo troppo lungo", "L'indirizzo della pagina supera la lunghezza massima accettata dal portale."),
        [StatusCodes.Status415UnsupportedMediaType] = ("Formato non supportato", "Il formato dei dati inviati non è accettato da questa pagina."),
        [StatusCodes.Status422UnprocessableEntity] = ("Dati non validi", "I dati inviati non sono validi: tornare al modulo e correggerli."),
        [StatusCodes.Status429TooManyRequests] = ("Troppi tentativi", "Da questa rete sono arrivati troppi tentativi in poco tempo: per proteggere gli account, il portale li sospende per un minuto. Attendere e riprovare."),
        [StatusCodes.Status431RequestHeaderFieldsTooLarge] = ("Richiesta troppo grande", "La richiesta porta troppi dati di intestazione (ad esempio cookie). Chiudere il browser e riprovare."),
    };

    private static readonly (string Title, string Text) OtherClientError =
        ("Richiesta non completata", "Il portale non ha potuto completare la richiesta. Controllare l'indirizzo o i dati inviati e riprovare.");

    /// <summary>The title and text of a 4xx status (a generic pair for one not in the table).</summary>
    public static (string Title, string Text) For(int statusCode) => Texts.GetValueOrDefault(statusCode, OtherClientError);

    /// <summary>Leaves the specific reason of a refusal for the status-code page that the same request re-executes.</summary>
    public static void SetDetail(HttpContext http, string detail) => http.Items[DetailItem] = detail;

    /// <summary>The specific reason left by <see cref="SetDetail"/> (e.g. by <see cref="StaleFormFilter"/>), if any.</summary>
    public static string? Detail(HttpContext http) => http.Items[DetailItem] as string;
}

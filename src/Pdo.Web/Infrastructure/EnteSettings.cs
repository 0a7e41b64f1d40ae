using System.ComponentModel.DataAnnotations;

namespace Pdo.Web.Infrastructure;

/// <summary>
/// The city running the portal (configuration section <c>Ente</c>), shown on pages, PDFs, open data and the
/// DCAT-AP_IT catalogue: configuration, not code. Validated at start-up.
/// </summary>
public sealed class EnteSettings
{
    public const string Section = "Ente";

    /// <summary>The ente's name as printed (e.g. "Comune di Milano").</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Ente:Name è vuoto: serve il nome dell'ente come va stampato (es. «Comune di Milano»).")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The ente's code in the Indice dei domicili digitali della PA (IPA), e.g. "c_f205".</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Ente:IpaCode è vuoto: serve il codice IPA dell'ente (es. «c_f205»).")]
    [RegularExpression("^[A-Za-z0-9_]{2,20}$", ErrorMessage = "Ente:IpaCode non è un codice IPA valido (da 2 a 20 lettere, cifre o _, es. «c_f205»).")]
    public string IpaCode { get; set; } = string.Empty;

    /// <summary>The open-data contact (e-mail) named in the catalogue.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Ente:ContactEmail è vuoto: serve l'indirizzo e-mail di contatto per i dati aperti.")]
    [EmailAddress(ErrorMessage = "Ente:ContactEmail non è un indirizzo e-mail valido.")]
    public string ContactEmail { get; set; } = string.Empty;

    /// <summary>The ente's own web site.</summary>
    [Url(ErrorMessage = "Ente:WebsiteUrl non è un indirizzo web valido (http:// o https://).")]
    public string? WebsiteUrl { get; set; }

    /// <summary>The ente's "Amministrazione trasparente › Performance" page, linked back from the public pages.</summary>
    [Url(ErrorMessage = "Ente:TransparencyUrl non è un indirizzo web valido (http:// o https://).")]
    public string? TransparencyUrl { get; set; }

    /// <summary>A logo under wwwroot (e.g. "img/logo-ente.svg"), or none.</summary>
    [RegularExpression(@"^[A-Za-z0-9_\-/]+\.(svg|png)$", ErrorMessage = "Ente:LogoPath deve essere un file .svg o .png sotto wwwroot.")]
    public string? LogoPath { get; set; }
}

/// <summary>
/// The start-up check of <see cref="EnteSettings"/>: its data annotations, each failure in Italian naming its setting,
/// so that a wrong <c>Ente</c> section stops the start with one readable log line (<c>HostingSettingsAreValid</c>).
/// </summary>
public sealed class EnteSettingsValidation : Microsoft.Extensions.Options.IValidateOptions<EnteSettings>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, EnteSettings options)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(results.Select(r => r.ErrorMessage ?? string.Join(", ", r.MemberNames)));
    }
}

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
    [Required(AllowEmptyStrings = false)]
    public string Name { get; set; } = string.Empty;

    /// <summary>The ente's code in the Indice dei domicili digitali della PA (IPA), e.g. "c_f205".</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9_]{2,20}$", ErrorMessage = "Ente:IpaCode non è un codice IPA valido.")]
    public string IpaCode { get; set; } = string.Empty;

    /// <summary>The open-data contact (e-mail) named in the catalogue.</summary>
    [Required(AllowEmptyStrings = false)]
    [EmailAddress]
    public string ContactEmail { get; set; } = string.Empty;

    /// <summary>The ente's own web site.</summary>
    [Url]
    public string? WebsiteUrl { get; set; }

    /// <summary>The ente's "Amministrazione trasparente › Performance" page, linked back from the public pages.</summary>
    [Url]
    public string? TransparencyUrl { get; set; }

    /// <summary>A logo under wwwroot (e.g. "img/logo-ente.svg"), or none.</summary>
    [RegularExpression(@"^[A-Za-z0-9_\-/]+\.(svg|png)$", ErrorMessage = "Ente:LogoPath deve essere un file .svg o .png sotto wwwroot.")]
    public string? LogoPath { get; set; }
}

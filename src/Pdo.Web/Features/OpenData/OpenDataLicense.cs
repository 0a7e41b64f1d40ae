namespace Pdo.Web.Features.OpenData;

/// <summary>
/// The licence of every open-data file, the catalogue and the API: Creative Commons Attribution 4.0 (AgID guidelines
/// for open data: CC BY 4.0 by default). Stated on the page, in the JSON (<c>license</c>), in the HTTP
/// <c>Link: &lt;…&gt;; rel="license"</c> header of every file, in the DCAT-AP_IT catalogue and in the data dictionary.
/// </summary>
public static class OpenDataLicense
{
    public const string Url = "https://creativecommons.org/licenses/by/4.0/";

    public const string Name = "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)";

    /// <summary>The SPDX identifier.</summary>
    public const string Spdx = "CC-BY-4.0";

    /// <summary>ADMS licence type of an attribution licence (DCAT-AP_IT <c>dct:type</c> of the licence document).</summary>
    public const string AdmsType = "http://purl.org/adms/licencetype/Attribution";

    /// <summary>The value of the HTTP <c>Link</c> header that names the licence (RFC 8288, relation <c>license</c>).</summary>
    public const string LinkHeader = $"<{Url}>; rel=\"license\"";

    /// <summary>Adds the <c>Link</c> header to a response that carries open data.</summary>
    public static void AddLinkHeader(HttpResponse response) => response.Headers.Append("Link", LinkHeader);
}

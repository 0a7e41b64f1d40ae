namespace Pdo.Web.Features.Transparency;

/// <summary>The public pages' URLs (<c>/trasparenza/…</c>), in one place.</summary>
public static class TransparencyLinks
{
    public const string Root = "/trasparenza";

    public static string Index => Root;

    /// <summary>The multi-year trend of the approved plans.</summary>
    public static string Trend => $"{Root}/andamento";

    public static string Plan(int year) => $"{Root}/{year}";

    public static string Category(int year, string code) => $"{Root}/{year}/sezioni/{Uri.EscapeDataString(code)}";

    public static string Area(int year, string code) => $"{Root}/{year}/aree/{Uri.EscapeDataString(code)}";

    public static string Directorate(int year, string code) => $"{Root}/{year}/direzioni/{Uri.EscapeDataString(code)}";

    public static string Objective(int year, string code) => $"{Root}/{year}/obiettivi/{Uri.EscapeDataString(code)}";

    /// <summary>The consuntivo PDF, the same document as the signed-in one.</summary>
    public static string Consuntivo(int year) => $"{Root}/{year}/consuntivo.pdf";

    /// <summary>
    /// The public page mirroring a portal page of a plan (<see cref="Links.Plan"/>, <see cref="Links.Category"/>,
    /// <see cref="Links.Objective"/> …): the public routes are the portal's <c>/piani/{anno}/…</c> under <c>/trasparenza</c>,
    /// without <c>?periodo=</c> (an approved plan shows its own period).
    /// </summary>
    public static string Mirror(string portalUrl)
    {
        var path = portalUrl.Split('?')[0];
        return path.StartsWith(Links.Plans + "/", StringComparison.Ordinal)
            ? Root + path[Links.Plans.Length..]
            : throw new ArgumentException($"Not a page of a plan: {portalUrl}", nameof(portalUrl));
    }

    /// <summary>Whether a request is for a public page (no sign-in, no cookie; see Program.cs).</summary>
    public static bool IsPublic(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);
}

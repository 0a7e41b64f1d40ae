using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pdo.Infrastructure.Auditing;
using Pdo.Infrastructure.Identity;
using Pdo.Web.Tests.Support;

namespace Pdo.Web.Tests.Security;

/// <summary>
/// People and security events in the audit trail, through the portal: who created, changed, disabled a user or issued
/// a password link, with old and new values; a 403; their Italian rendering in the Registro; no secret in any row.
/// </summary>
public sealed partial class PeopleAuditTrailTests(PdoWebFactory factory) : IClassFixture<PdoWebFactory>
{
    private const string Administrator = "test.administrator@pdo.local";

    [Fact]
    public async Task RecordsTheNewUserWithRolesDirezioniAndTheLinkIssuedGivenAnAdministratorCreatingAUser()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);

        await CreateThroughTheFormAsync(admin, "Nuova Direttrice", "nuova.audit@pdo.local", Roles.DirectorateManager, "CULTURA");

        var rows = await RowsAsync("nuova.audit@pdo.local");
        Assert.All(rows, r => Assert.Equal(Administrator, r.UserName));
        Assert.Equal(("Nuova Direttrice", AuditAction.Created), Value(rows, PeopleAudit.EntityType, nameof(AppUser.FullName)));
        Assert.Equal(("nuova.audit@pdo.local", AuditAction.Created), Value(rows, PeopleAudit.EntityType, nameof(AppUser.Email)));
        Assert.Equal(("CULTURA", AuditAction.Created), Value(rows, PeopleAudit.EntityType, PeopleAudit.DirectoratesField));
        Assert.Equal(Roles.DirectorateManager, Assert.Single(rows, r => r.Field == PeopleAudit.RolesField).NewValue);
        var link = Assert.Single(rows, r => r.EntityType == SecurityAuditLog.EntityType);
        Assert.Equal((nameof(SecurityEvent.PasswordLinkIssued), AuditAction.Event), (link.Field, link.Action));
    }

    [Fact]
    public async Task RecordsTheOldAndNewNameEmailRolesAndDirezioniGivenAnEditedUser()
    {
        var user = await factory.CreateUserAsync("da.modificare@pdo.local", Roles.Executive, "CASA");
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var cultura = await DirectorateIdAsync("CULTURA");

        var response = await PdoWebFactory.PostFormAsync(admin, $"/amministrazione/utenti/{user.Id}", $"/amministrazione/utenti/{user.Id}",
        [
            new("FullName", "Nome Modificato"),
            new("Email", "modificato@pdo.local"),
            new("Roles", Roles.PlanningOffice),
            new("Roles", Roles.DirectorateManager),
            new("DirectorateIds", cultura),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rows = (await RowsAsync("modificato@pdo.local")).Where(r => r.Action == AuditAction.Modified).ToList();
        Assert.All(rows, r => Assert.Equal((Administrator, PeopleAudit.EntityType), (r.UserName, r.EntityType)));
        Assert.Equal(("Utente da.modificare@pdo.local", "Nome Modificato"), Values(rows, nameof(AppUser.FullName)));
        Assert.Equal(("da.modificare@pdo.local", "modificato@pdo.local"), Values(rows, nameof(AppUser.Email)));
        Assert.Equal(("Executive", "DirectorateManager, PlanningOffice"), Values(rows, PeopleAudit.RolesField));
        Assert.Equal(("CASA", "CULTURA"), Values(rows, PeopleAudit.DirectoratesField));
        Assert.Equal(4, rows.Count);
    }

    [Fact]
    public async Task RecordsWhoDisabledAndEnabledAUserGivenAnAdministrator()
    {
        var user = await factory.CreateUserAsync("da.sospendere@pdo.local", Roles.Executive);
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);

        await PdoWebFactory.PostFormAsync(admin, $"/amministrazione/utenti/{user.Id}", $"/amministrazione/utenti/{user.Id}/disattiva", []);
        await PdoWebFactory.PostFormAsync(admin, $"/amministrazione/utenti/{user.Id}", $"/amministrazione/utenti/{user.Id}/riattiva", []);

        var rows = (await RowsAsync("da.sospendere@pdo.local")).Where(r => r.Field == nameof(AppUser.IsDisabled)).ToList();
        Assert.Equal([("false", "true"), ("true", "false")], rows.Select(r => (r.OldValue, r.NewValue)));
        Assert.All(rows, r => Assert.Equal((Administrator, AuditAction.Modified), (r.UserName, r.Action)));
    }

    [Fact]
    public async Task RecordsThePasswordLinkIssuedAndThePasswordSetThroughIt()
    {
        var user = await factory.CreateUserAsync("link.audit@pdo.local", Roles.Executive);
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);

        var issued = await PdoWebFactory.PostFormAsync(admin, $"/amministrazione/utenti/{user.Id}", $"/amministrazione/utenti/{user.Id}/reimposta-password", []);
        await SetPasswordThroughTheLinkAsync(await issued.Content.ReadAsStringAsync());

        var events = (await RowsAsync("link.audit@pdo.local")).Where(r => r.EntityType == SecurityAuditLog.EntityType).ToList();
        Assert.Equal(
            [(nameof(SecurityEvent.PasswordLinkIssued), Administrator), (nameof(SecurityEvent.PasswordSet), "link.audit@pdo.local")],
            events.Select(r => (r.Field, r.UserName)));
    }

    [Fact]
    public async Task RecordsAnAccessDeniedRowWithTheUserAndThePathGivenAForbiddenPage()
    {
        var client = await SignedInWithTheCookieAsync("curioso@pdo.local", Roles.Executive);

        var response = await client.GetAsync("/amministrazione/utenti?testo=segreto");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var row = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(r => r.EntityType == SecurityAuditLog.EntityType && r.Field == nameof(SecurityEvent.AccessDenied) && r.UserName == "curioso@pdo.local"));
        Assert.Equal(("/amministrazione/utenti", "GET", AuditAction.Event, (int?)null), (row.EntityKey, row.NewValue, row.Action, row.PlanYear));
    }

    [Fact]
    public async Task ShowsPeopleAndSecurityRowsInItalianInTheRegistro()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        await CreateThroughTheFormAsync(admin, "Registro Italiano", "registro.italiano@pdo.local", Roles.DirectorateManager, "CASA");

        var people = await admin.GetStringAsync("/amministrazione/registro?tipo=AppUser&testo=registro.italiano");
        var security = await admin.GetStringAsync("/amministrazione/registro?tipo=Security&testo=registro.italiano");

        Assert.Contains("<option value=\"AppUser\" selected=\"selected\">Utente</option>", people);
        Assert.Contains("Utente registro.italiano@pdo.local (creato)", people);
        Assert.Contains("<td>Nome e cognome</td>", people);
        Assert.Contains("<td>Ruoli</td>", people);
        Assert.Contains("<td>Direttore</td>", people);
        Assert.Contains("<td>Direzioni</td>", people);
        Assert.DoesNotContain("DirectorateManager</td>", people);
        Assert.Contains("Sicurezza registro.italiano@pdo.local", security);
        Assert.Contains("<td>Link per la password emesso</td>", security);
    }

    [Fact]
    public async Task ShowsADenialAsAccessoNegatoInTheRegistro()
    {
        var client = await SignedInWithTheCookieAsync("negato.registro@pdo.local", Roles.PlanningOffice);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/amministrazione/registro")).StatusCode);
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);

        var page = await admin.GetStringAsync("/amministrazione/registro?tipo=Security&utente=negato.registro");

        Assert.Contains("<td>Accesso negato (403)</td>", page);
        Assert.Contains("Sicurezza /amministrazione/registro", page);
    }

    [Fact]
    public async Task ShowsSignInEventsInItalianInTheRegistro()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var log = scope.ServiceProvider.GetRequiredService<SecurityAuditLog>();
            await log.RecordAsync(SecurityEvent.SignInFailed, "accesso.registro@pdo.local", "accesso.registro@pdo.local");
            await log.RecordAsync(SecurityEvent.SignInSucceeded, "accesso.registro@pdo.local", "accesso.registro@pdo.local");
        }

        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var page = await admin.GetStringAsync("/amministrazione/registro?tipo=Security&utente=accesso.registro");

        Assert.Contains("<td>Accesso non riuscito</td>", page);
        Assert.Contains("<td>Accesso riuscito</td>", page);
        Assert.DoesNotContain("SignIn", page);
    }

    [Fact]
    public void LabelsEverySecurityEventInItalian()
    {
        foreach (var kind in Enum.GetValues<SecurityEvent>())
        {
            Assert.NotEqual(kind.ToString(), Pdo.Web.Features.History.AuditLabels.Event(kind));
        }
    }

    [Fact]
    public async Task WritesNoHashStampOrTokenInAnyAuditRow()
    {
        var admin = await factory.CreateClientAsAsync(Roles.Administrator);
        var html = await CreateThroughTheFormAsync(admin, "Senza Segreti", "senza.segreti@pdo.local", Roles.Executive);
        var firstToken = await SetPasswordThroughTheLinkAsync(html);
        var id = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "senza.segreti@pdo.local").Select(u => u.Id).SingleAsync());
        var again = await PdoWebFactory.PostFormAsync(admin, $"/amministrazione/utenti/{id}", $"/amministrazione/utenti/{id}/reimposta-password", []);
        var secondToken = TokenOf(await again.Content.ReadAsStringAsync());
        await PdoWebFactory.PostFormAsync(admin, $"/amministrazione/utenti/{id}", $"/amministrazione/utenti/{id}/disattiva", []);

        var secrets = await factory.WithDbAsync(async db =>
        {
            var users = await db.Users.AsNoTracking().ToListAsync();
            var tokens = await db.UserTokens.AsNoTracking().Select(t => t.Value).ToListAsync();
            return users.SelectMany(u => new[] { u.PasswordHash, u.SecurityStamp, u.ConcurrencyStamp }).Concat(tokens)
                .Append(firstToken).Append(secondToken).OfType<string>().Where(s => s.Length > 0).ToList();
        });
        var rows = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());

        Assert.Contains(rows, r => r.EntityKey == "senza.segreti@pdo.local" && r.Field == nameof(AppUser.IsDisabled));
        Assert.Contains(rows, r => r.EntityKey == "senza.segreti@pdo.local" && r.Field == nameof(SecurityEvent.PasswordSet));
        var texts = rows.SelectMany(r => new[] { r.EntityKey, r.Field, r.OldValue, r.NewValue, r.Reason }).OfType<string>().ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }

        string[] secretFields = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "AccessFailedCount", "NormalizedEmail", "NormalizedUserName"];
        Assert.DoesNotContain(rows, r => secretFields.Contains(r.Field));
    }

    /// <summary>A real user signed in through the sign-in form (the Identity cookie, whose denials are audited).</summary>
    private async Task<HttpClient> SignedInWithTheCookieAsync(string email, string role)
    {
        await factory.CreateUserAsync(email, role);
        var client = factory.CreateHttpsClient();
        var login = await PdoWebFactory.PostFormAsync(client, "/accesso", "/accesso", [new("Email", email), new("Password", PdoWebFactory.DemoPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    private async Task<string> CreateThroughTheFormAsync(HttpClient admin, string fullName, string email, string role, params string[] directorates)
    {
        var fields = new List<KeyValuePair<string, string>> { new("FullName", fullName), new("Email", email), new("Roles", role) };
        foreach (var code in directorates)
        {
            fields.Add(new("DirectorateIds", await DirectorateIdAsync(code)));
        }

        var response = await PdoWebFactory.PostFormAsync(admin, "/amministrazione/utenti/nuovo", "/amministrazione/utenti/nuovo", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Sets a password through the one-time link shown in <paramref name="linkPage"/>; returns the link's token.</summary>
    private async Task<string> SetPasswordThroughTheLinkAsync(string linkPage)
    {
        var url = LinkOf(linkPage);
        var query = QueryHelpers.ParseQuery(url.Query);
        var set = await PdoWebFactory.PostFormAsync(factory.CreateHttpsClient(), url.PathAndQuery, "/accesso/imposta-password",
        [
            new("UserId", query["utente"].ToString()),
            new("Token", query["token"].ToString()),
            new("Password", "Una-password-lunga-2020"),
            new("ConfirmPassword", "Una-password-lunga-2020"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        return query["token"].ToString();
    }

    private static string TokenOf(string linkPage) => QueryHelpers.ParseQuery(LinkOf(linkPage).Query)["token"].ToString();

    private static Uri LinkOf(string linkPage) => new(WebUtility.HtmlDecode(LinkPattern().Match(linkPage).Groups[1].Value));

    private Task<string> DirectorateIdAsync(string code) =>
        factory.WithDbAsync(async db => (await db.Directorates.SingleAsync(d => d.Code == code)).Id.ToString(CultureInfo.InvariantCulture));

    private Task<List<AuditEntry>> RowsAsync(string email) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(r => r.EntityKey == email).OrderBy(r => r.Id).ToListAsync());

    private static (string? New, AuditAction Action) Value(List<AuditEntry> rows, string type, string field)
    {
        var row = Assert.Single(rows, r => r.EntityType == type && r.Field == field);
        return (row.NewValue, row.Action);
    }

    private static (string? Old, string? New) Values(List<AuditEntry> rows, string field)
    {
        var row = Assert.Single(rows, r => r.Field == field);
        return (row.OldValue, row.NewValue);
    }

    [GeneratedRegex("value=\"(https://localhost/accesso/imposta-password[^\"]+)\"")]
    private static partial Regex LinkPattern();
}

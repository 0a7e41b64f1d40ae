using Microsoft.AspNetCore.Hosting;

namespace Pdo.Web.Tests.Support;

/// <summary>The portal as deployed: the Production environment, with its public address (and no demo accounts).</summary>
public class ProductionWebFactory : PdoWebFactory
{
    public const string PublicBaseAddress = "https://pdo.comune.example";

    /// <summary>A plain-HTTP client that does not follow redirects.</summary>
    public HttpClient CreateHttpClient() =>
        CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Pdo:PublicBaseAddress", PublicBaseAddress);
    }
}

namespace Pdo.Web.Tests.Support;

public partial class PdoWebFactory
{
    /// <summary>The SQLite file of this portal: a test may put a database there before the portal starts.</summary>
    public string DatabasePath => Path.Combine(_dataDirectory, "pdo.db");
}

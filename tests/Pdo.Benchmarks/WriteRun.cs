using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Pdo.Infrastructure.Data;

namespace Pdo.Benchmarks;

/// <summary>
/// Result POSTs at N concurrent writers on distinct KPIs of a running portal (docs/benchmarks.md, "Writes"): each
/// writer opens the result form of its own objective (generated plan: G0001, G0007, G0013 …, whose first KPI is a
/// percentage with target ≥ 70 %), posts a new value for that KPI and times the POST alone (until the 302); at the end
/// every KPI must show the last value its writer saved (no lost update). The reference in the same run: the same
/// number of threads on a scratch SQLite file with the portal's connection settings, each transaction one UPDATE with
/// its version check and one INSERT, the database's own floor.
/// </summary>
internal static partial class WriteRun
{
    public static async Task RunAsync(string[] args)
    {
        var baseAddress = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:5099");
        var year = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2029;
        var writers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
        var seconds = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        var period = args.Length > 4 ? args[4] : "FIN";
        // The same writers first run unmeasured: a fresh portal spends its first 20–30 s of such a load compiling its
        // hot code again at full optimisation (the tiered JIT; dotnet.jit.compilation.time ≈ 0.8 s per second at 10–20 s),
        // and a portal that has been running is past that.
        var warmUpSeconds = args.Length > 5 ? double.Parse(args[5], CultureInfo.InvariantCulture) : 30;
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}, {writers} writers, {seconds:0} s after {warmUpSeconds:0} s of warm-up, plan {year}, period {period}");

        var cookies = await SignInAsync(baseAddress);
        var warmUp = await PortalAsync(baseAddress, cookies, year, period, writers, TimeSpan.FromSeconds(warmUpSeconds));
        Console.WriteLine($"warm-up: {warmUp.Summary}");
        var portal = await PortalAsync(baseAddress, cookies, year, period, writers, TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"portal result POST: {portal.Summary}");
        var reference = RawSqlite(writers, TimeSpan.FromSeconds(Math.Min(10, seconds)));
        Console.WriteLine($"raw SQLite, 1 UPDATE + 1 INSERT per transaction: {reference.Summary}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio portal ÷ raw: p50 {portal.Percentile(0.5) / reference.Percentile(0.5):0.0}, p99 {portal.Percentile(0.99) / reference.Percentile(0.99):0.0}; load average at the end {LoadAverage()}"));
        if (portal.Failures > 0 || portal.LostUpdates > 0)
        {
            Environment.ExitCode = 1;
        }
    }

    private sealed record Run(List<double> Milliseconds, double Seconds, int Failures, int LostUpdates)
    {
        public double Percentile(double q)
        {
            var sorted = Milliseconds.Order().ToList();
            return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Round(q * (sorted.Count - 1)))];
        }

        public string Summary => string.Create(CultureInfo.InvariantCulture,
            $"n={Milliseconds.Count} ({Milliseconds.Count / Seconds:0} /s) p50={Percentile(0.5):0.0} ms p90={Percentile(0.9):0.0} ms p99={Percentile(0.99):0.0} ms max={(Milliseconds.Count == 0 ? 0 : Milliseconds.Max()):0.0} ms, failures {Failures}, lost updates {LostUpdates}");
    }

    private static async Task<CookieContainer> SignInAsync(Uri baseAddress)
    {
        var cookies = new CookieContainer();
        using var client = Client(baseAddress, cookies);
        var token = Token(await client.GetStringAsync("/accesso"));
        using var response = await client.PostAsync("/accesso", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "pianificazione@pdo.local",
            ["Password"] = "Demo-Pdo-2019!",
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode}: is the portal running in Development?");
        }

        return cookies;
    }

    private static async Task<Run> PortalAsync(Uri baseAddress, CookieContainer signedIn, int year, string period, int writers, TimeSpan duration)
    {
        var samples = new List<double>();
        var reads = new List<double>();
        var failures = 0;
        var lost = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            // Each writer its own cookie jar (same sign-in), its own objective and KPI.
            var cookies = new CookieContainer();
            cookies.Add(signedIn.GetAllCookies());
            using var client = Client(baseAddress, cookies);
            var objective = string.Create(CultureInfo.InvariantCulture, $"G{(w * 6) + 1:D4}");
            var form = $"/piani/{year}/obiettivi/{objective}/risultati";
            string? last = null;
            for (var i = 0; Stopwatch.GetTimestamp() < until; i++)
            {
                var read = Stopwatch.StartNew();
                var page = await client.GetStringAsync($"{form}?periodo={period}");
                read.Stop();
                var value = string.Create(CultureInfo.InvariantCulture, $"{70 + ((i + w) % 29)}%");
                if (Field(page, "Actual") == value)
                {
                    value = "99%";
                }

                using var content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = Token(page),
                    ["Period"] = period,
                    ["Command"] = "salva",
                    ["Lines[0].KpiId"] = Field(page, "KpiId") ?? throw new InvalidOperationException($"{form}: no KPI field"),
                    ["Lines[0].Version"] = Field(page, "Version") ?? string.Empty,
                    ["Lines[0].Actual"] = value,
                    ["Lines[0].Justification"] = "Prova di carico",
                });
                var watch = Stopwatch.StartNew();
                using var response = await client.PostAsync(form, content);
                watch.Stop();
                lock (samples)
                {
                    samples.Add(watch.Elapsed.TotalMilliseconds);
                    reads.Add(read.Elapsed.TotalMilliseconds);
                    if (response.StatusCode == HttpStatusCode.Redirect)
                    {
                        last = value;
                    }
                    else
                    {
                        failures++;
                    }
                }
            }

            var stored = Field(await client.GetStringAsync($"{form}?periodo={period}"), "Actual");
            if (last is not null && stored != last)
            {
                Interlocked.Increment(ref lost);
            }
        }));
        var elapsed = started.Elapsed.TotalSeconds;
        Console.WriteLine($"  (the GET of the form before each POST: {new Run(reads, elapsed, 0, 0).Summary})");
        return new Run(samples, elapsed, failures, lost);
    }

    /// <summary>The database's floor: the same connection settings as the portal, one UPDATE (version checked) and one INSERT per transaction.</summary>
    private static Run RawSqlite(int writers, TimeSpan duration)
    {
        var folder = Directory.CreateTempSubdirectory("pdo-bench-writes-");
        try
        {
            var connectionString = $"Data Source={Path.Combine(folder.FullName, "raw.db")}";
            using (var setup = Open(connectionString))
            {
                Execute(setup, "PRAGMA journal_mode = WAL; CREATE TABLE r (Id INTEGER PRIMARY KEY, ActualText TEXT, Version TEXT); CREATE TABLE a (Id INTEGER PRIMARY KEY, Field TEXT, NewValue TEXT);");
                for (var w = 0; w < writers; w++)
                {
                    Execute(setup, $"INSERT INTO r VALUES ({w}, '0', '{Guid.Empty}')");
                }
            }

            var samples = new List<double>();
            var failures = 0;
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var started = Stopwatch.StartNew();
            var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
            {
                using var connection = Open(connectionString);
                var version = Guid.Empty;
                for (var i = 0; Stopwatch.GetTimestamp() < until; i++)
                {
                    var next = Guid.NewGuid();
                    var watch = Stopwatch.StartNew();
                    using (var transaction = connection.BeginTransaction())
                    {
                        using var update = connection.CreateCommand();
                        update.CommandText = "UPDATE r SET ActualText = $v, Version = $next WHERE Id = $id AND Version = $version";
                        update.Parameters.AddWithValue("$v", $"{70 + (i % 29)}%");
                        update.Parameters.AddWithValue("$next", next.ToString());
                        update.Parameters.AddWithValue("$id", w);
                        update.Parameters.AddWithValue("$version", version.ToString());
                        var rows = update.ExecuteNonQuery();
                        using var insert = connection.CreateCommand();
                        insert.CommandText = "INSERT INTO a (Field, NewValue) VALUES ('ActualText', $v)";
                        insert.Parameters.AddWithValue("$v", $"{70 + (i % 29)}%");
                        insert.ExecuteNonQuery();
                        transaction.Commit();
                        if (rows != 1)
                        {
                            Interlocked.Increment(ref failures);
                        }
                    }

                    watch.Stop();
                    version = next;
                    lock (samples)
                    {
                        samples.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            return new Run(samples, started.Elapsed.TotalSeconds, failures, 0);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqliteConnectionSettings.Apply(connection);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static HttpClient Client(Uri baseAddress, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    private static string Token(string page) => TokenField().Match(page) is { Success: true } m ? m.Groups[1].Value
        : throw new InvalidOperationException("No antiforgery token on the page.");

    private static string? Field(string page, string name) =>
        Regex.Match(page, $"name=\"Lines\\[0\\]\\.{name}\"[^>]*?value=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]*)\"")]
    private static partial Regex TokenField();
}

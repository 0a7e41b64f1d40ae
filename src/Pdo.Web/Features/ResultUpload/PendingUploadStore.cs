using System.Text.Json;

namespace Pdo.Web.Features.ResultUpload;

/// <summary>
/// Keeps an uploaded results file between the preview and the confirmation: under the data folder in
/// <c>uploads/</c>, named by a random id, readable only by the portal's account, bound to the user who uploaded it,
/// deleted after the confirmation or after one hour.
/// </summary>
public sealed class PendingUploadStore(string folder, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private sealed record Ticket(string User, string FileName, DateTimeOffset SavedAt);

    public async Task<string> SaveAsync(Stream content, string user, string fileName, CancellationToken cancellationToken)
    {
        EnsureOwnerOnlyFolder(folder);
        Sweep();
        var id = Guid.NewGuid().ToString("N");
        await using (var file = CreateOwnerOnly(DataPath(id)))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        await using (var ticket = CreateOwnerOnly(TicketPath(id)))
        {
            await JsonSerializer.SerializeAsync(ticket, new Ticket(user, Path.GetFileName(fileName), clock.GetUtcNow()), cancellationToken: cancellationToken);
        }

        return id;
    }

    /// <summary>The stored file and its original name, when <paramref name="id"/> is this user's and younger than an hour.</summary>
    public async Task<(string Path, string FileName)?> FindAsync(string? id, string user, CancellationToken cancellationToken)
    {
        if (id is null || id.Length != 32 || !id.All(char.IsAsciiHexDigitLower) || !File.Exists(TicketPath(id)) || !File.Exists(DataPath(id)))
        {
            return null;
        }

        await using var stream = File.OpenRead(TicketPath(id));
        var ticket = await JsonSerializer.DeserializeAsync<Ticket>(stream, cancellationToken: cancellationToken);
        if (ticket is null || ticket.User != user || clock.GetUtcNow() - ticket.SavedAt > Lifetime)
        {
            return null;
        }

        return (DataPath(id), ticket.FileName);
    }

    public void Delete(string id)
    {
        File.Delete(DataPath(id));
        File.Delete(TicketPath(id));
    }

    private string DataPath(string id) => Path.Combine(folder, id + ".xlsx");

    private string TicketPath(string id) => Path.Combine(folder, id + ".json");

    /// <summary>Creates the folder readable only by the portal's account (0700), when missing.</summary>
    internal static void EnsureOwnerOnlyFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>A new file readable only by the portal's account (0600).</summary>
    internal static FileStream CreateOwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    /// <summary>Deletes files left over from previews never confirmed (saved more than an hour ago by the portal's clock).</summary>
    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var ticketPath in Directory.EnumerateFiles(folder, "*.json"))
        {
            Ticket? ticket;
            try
            {
                ticket = JsonSerializer.Deserialize<Ticket>(File.ReadAllText(ticketPath));
            }
            catch (JsonException)
            {
                ticket = null;
            }

            if (ticket is null || now - ticket.SavedAt > Lifetime)
            {
                Delete(Path.GetFileNameWithoutExtension(ticketPath));
            }
        }
    }
}

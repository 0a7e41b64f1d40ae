using System.Security.Cryptography;

namespace Pdo.Web.Features.Accounts;

/// <summary>
/// The one-time first-run token: while no administrator exists, start-up writes a setup link with it to the log.
/// It lives only in this process's memory and is consumed by the first successful use.
/// </summary>
public sealed class SetupTokenStore
{
    private readonly Lock _lock = new();
    private string? _token;

    public string Issue()
    {
        lock (_lock)
        {
            _token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
            return _token;
        }
    }

    public bool IsValid(string? token)
    {
        lock (_lock)
        {
            return _token is not null && token is not null &&
                CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(_token), System.Text.Encoding.ASCII.GetBytes(token));
        }
    }

    public void Consume()
    {
        lock (_lock)
        {
            _token = null;
        }
    }
}

namespace Pdo.Domain.Plans;

/// <summary>
/// New values of the entities' concurrency tokens (<c>Version</c>). A token only has to differ from the one a form was
/// opened with, so it is drawn from the process's fast random generator rather than the operating system's
/// cryptographic one: a plan import makes one for every entity and every change while it is built (about 720,000 for
/// 40,000 objectives, where <see cref="Guid.NewGuid"/> alone took 0.36 s; docs/benchmarks.md).
/// </summary>
internal static class VersionToken
{
    public static Guid New()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        return new Guid(bytes);
    }
}

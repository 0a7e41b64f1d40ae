using Microsoft.AspNetCore.Identity;

namespace Pdo.Infrastructure.Identity;

/// <summary>A person who signs in to Pdo. Roles come from Identity; Direzioni from <see cref="Directorates"/>.</summary>
public sealed class AppUser : IdentityUser
{
    private readonly List<UserDirectorate> _directorates = [];

    public string FullName { get; set; } = string.Empty;

    public bool IsDisabled { get; set; }

    public IReadOnlyList<UserDirectorate> Directorates => _directorates;

    public void SetDirectorates(IEnumerable<int> directorateIds)
    {
        var wanted = directorateIds.Distinct().ToHashSet();
        _directorates.RemoveAll(d => !wanted.Contains(d.DirectorateId));
        foreach (var id in wanted.Where(id => _directorates.TrueForAll(d => d.DirectorateId != id)))
        {
            _directorates.Add(new UserDirectorate { UserId = Id, DirectorateId = id });
        }
    }
}

/// <summary>Binds a Direttore to a Direzione.</summary>
public sealed class UserDirectorate
{
    public string UserId { get; set; } = string.Empty;

    public int DirectorateId { get; set; }
}

using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Pdo.Infrastructure.Identity;

namespace Pdo.Web.Security;

/// <summary>
/// The list of common passwords shipped with the portal (OWASP ASVS 6.2.4): the 49,233 passwords of the npm package
/// <c>@zxcvbn-ts/language-common</c> (MIT, version pinned in package.json), embedded at build from node_modules
/// together with its licence (Pdo.Web.csproj).
/// </summary>
public sealed class CommonPasswords
{
    public const string ResourceName = "Pdo.Web.Security.CommonPasswords.json";

    private readonly HashSet<string> _passwords;

    public CommonPasswords()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} missing: build Pdo.Web (npm ci fills node_modules).");
        var list = JsonSerializer.Deserialize<string[]>(stream) ?? [];
        _passwords = new HashSet<string>(list.Select(p => p.ToLowerInvariant()), StringComparer.Ordinal);
    }

    public int Count => _passwords.Count;

    /// <summary>Whether <paramref name="lowercase"/> (already lower-case) is on the list.</summary>
    public bool Contains(string lowercase) => _passwords.Contains(lowercase);
}

/// <summary>
/// Refuses a password that is on the common list, or is a common password with digits or symbols around it, or is
/// made almost only of predictable pieces (repeats, sequences, keyboard rows, years, the portal's and the user's own
/// names), or contains the user's own name or e-mail. Applies wherever Identity sets a password: one-time links,
/// first-run setup, any change.
/// </summary>
public sealed class PredictablePasswordValidator(CommonPasswords common) : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var weakness = PasswordPredictability.Weakness(password, common, PersonalWords(user));
        return Task.FromResult(weakness is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PredictablePassword", Description = $"La password è troppo comune o prevedibile: {weakness}." }));
    }

    /// <summary>The user's e-mail and name, lower-case: whole (the part before @, the name without spaces) and in pieces.</summary>
    public static PersonalWords PersonalWords(AppUser user)
    {
        var email = (user.Email ?? user.UserName ?? string.Empty).ToLowerInvariant();
        var name = user.FullName.ToLowerInvariant();
        var whole = new[] { email.Split('@')[0], new string([.. name.Where(char.IsLetterOrDigit)]) };
        var pieces = email.Split(['@', '.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries)
            .Concat(name.Split([' ', '.', '\'', '-', '@', '_'], StringSplitOptions.RemoveEmptyEntries));
        return new PersonalWords([.. whole.Where(w => w.Length >= 4).Distinct()], [.. pieces.Where(w => w.Length >= 3).Distinct()]);
    }
}

/// <summary>What a password should not be made of: the user's e-mail or name, whole or in pieces (lower-case).</summary>
public sealed record PersonalWords(IReadOnlyList<string> Whole, IReadOnlyList<string> Pieces)
{
    public static PersonalWords None { get; } = new([], []);
}

/// <summary>The rules of <see cref="PredictablePasswordValidator"/>, pure so that they are tested without a database.</summary>
public static class PasswordPredictability
{
    /// <summary>Fewer unpredictable characters than this, once patterns are taken out, make a password predictable.</summary>
    public const int MinimumFreeCharacters = 4;

    // Words of the portal itself: a password made of them is guessed first.
    private static readonly string[] PortalWords = ["pdo", "milano", "comune", "piano", "obiettivi"];

    // Keyboard walks (QWERTY, the Italian layout's letters, QWERTZ/AZERTY rows, columns and zig-zags); reversed too.
    private static readonly string[] KeyboardWalks =
    [
        "1234567890'ì", "qwertyuiopè+", "asdfghjklòàù", "<zxcvbnm,.-", "qwertzuiopü", "asdfghjklöä", "yxcvbnm",
        "azertyuiop", "qsdfghjklm", "wxcvbn", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
        "1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6u7i8o9p0", "qawsedrftgyhujikolp", "azsxdcfvgbhnjmk", "zaqxswcdevfrbgtnhymju",
        "!\"£$%&/()=?^", "!@#$%^&*()_+",
    ];

    /// <summary>Why the password is predictable (Italian, to follow "troppo comune o prevedibile: "), or null.</summary>
    public static string? Weakness(string password, CommonPasswords common, PersonalWords personal)
    {
        var lower = password.ToLowerInvariant();
        if (common.Contains(lower) || common.Contains(Unleet(lower)))
        {
            return "è tra le password più usate";
        }

        var core = lower.Trim(NotALetter(lower));
        if (core.Length >= 3 && core.Length < lower.Length && (common.Contains(core) || common.Contains(Unleet(core))))
        {
            return "è una password molto usata con l'aggiunta di numeri o simboli";
        }

        if (personal.Whole.Any(w => lower.Contains(w, StringComparison.Ordinal)))
        {
            return "contiene il proprio nome o indirizzo e-mail";
        }

        return FreeCharacters(lower, [.. PortalWords, .. personal.Pieces]) < MinimumFreeCharacters
            ? "è fatta di ripetizioni, sequenze, file della tastiera, anni o nomi facili da indovinare"
            : null;
    }

    /// <summary>
    /// The fewest characters left over when the password is cut into predictable pieces (a character repeated, a run
    /// of letters or digits, a keyboard walk, a year, a copy of the piece before, a known word) and other characters.
    /// </summary>
    public static int FreeCharacters(string lower, IReadOnlyList<string> words)
    {
        var n = lower.Length;
        var cost = new int[n + 1];
        Array.Fill(cost, int.MaxValue);
        cost[0] = 0;
        for (var i = 0; i < n; i++)
        {
            if (cost[i] == int.MaxValue)
            {
                continue;
            }

            cost[i + 1] = Math.Min(cost[i + 1], cost[i] + 1);
            for (var j = i + 2; j <= n; j++)
            {
                if (cost[i] < cost[j] && IsPattern(lower, i, j, words))
                {
                    cost[j] = cost[i];
                }
            }
        }

        return cost[n];
    }

    private static bool IsPattern(string s, int start, int end, IReadOnlyList<string> words)
    {
        var piece = s.AsSpan(start, end - start);
        var length = piece.Length;
        if (length >= 2 && start >= length && s.AsSpan(start - length, length).SequenceEqual(piece))
        {
            return true; // the piece before, again ("abab", "pdopdo")
        }

        if (length < 3)
        {
            return false;
        }

        if (IsRepeat(piece) || IsSequence(piece))
        {
            return true;
        }

        if (length == 4 && piece[0] is '1' or '2' && piece[1] is '9' or '0' && char.IsAsciiDigit(piece[2]) && char.IsAsciiDigit(piece[3])
            && (piece[0] == '1') == (piece[1] == '9'))
        {
            return true; // a year, 1900–2099
        }

        foreach (var word in words)
        {
            if (piece.SequenceEqual(word))
            {
                return true;
            }
        }

        if (length >= 4)
        {
            var text = piece.ToString();
            var reversed = new string([.. text.Reverse()]);
            foreach (var walk in KeyboardWalks)
            {
                if (walk.Contains(text, StringComparison.Ordinal) || walk.Contains(reversed, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsRepeat(ReadOnlySpan<char> piece)
    {
        foreach (var c in piece)
        {
            if (c != piece[0])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSequence(ReadOnlySpan<char> piece)
    {
        var step = piece[1] - piece[0];
        if (step is not (1 or -1) || !(char.IsAsciiLetterLower(piece[0]) || char.IsAsciiDigit(piece[0])))
        {
            return false;
        }

        for (var k = 1; k < piece.Length; k++)
        {
            if (piece[k] - piece[k - 1] != step || char.IsAsciiDigit(piece[k]) != char.IsAsciiDigit(piece[0]) || !(char.IsAsciiLetterLower(piece[k]) || char.IsAsciiDigit(piece[k])))
            {
                return false;
            }
        }

        return true;
    }

    private static char[] NotALetter(string text) => [.. text.Where(c => !char.IsLetter(c)).Distinct()];

    private static string Unleet(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = source[i] switch
            {
                '@' or '4' => 'a',
                '3' => 'e',
                '1' or '!' => 'i',
                '0' => 'o',
                '$' or '5' => 's',
                '7' or '+' => 't',
                _ => source[i],
            };
        }
    });
}

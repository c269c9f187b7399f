using System.Security.Cryptography;
using System.Text;

namespace Mentia.Core.Sweeps;

/// <summary>
/// A sweep's id is its name and a hash of its spec text: submitting the same spec again finds the same
/// sweep (and what it already computed) instead of starting over; changing any character starts a new one.
/// What an id may look like is decided here too, so the CLI and the grains refuse the same ids.
/// </summary>
public static class SweepIds
{
    /// <summary>The longest id accepted: room for every generated id (a name of at most 64 characters, '-', 10 hex digits) and a suffix.</summary>
    public const int MaxLength = 100;

    /// <summary>The rule in words, for messages: every id <see cref="For"/> makes satisfies it.</summary>
    public static readonly string Allowed =
        $"1 to {MaxLength} characters, each a letter, digit, '-', '_' or '.', with at least one letter or digit (ids are the spec's name, '-' and 10 hex digits, as `mentia submit` and `mentia list` print them)";

    public static string For(string name, string specText)
    {
        var normalised = specText.Replace("\r\n", "\n").Trim();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
        return $"{name}-{hash[..10]}";
    }

    /// <summary>
    /// What is wrong with <paramref name="id"/> as a sweep id, or null when it is a valid one. Ids name
    /// grains and storage paths (results/{id}/...), so a '/', a '..' on its own, whitespace or a control
    /// character must never get that far; the rule is a whitelist so nothing new slips through.
    /// </summary>
    public static string? Validate(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "it is empty";
        }
        if (id.Length > MaxLength)
        {
            return $"it is {id.Length} characters long; at most {MaxLength}";
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return $"{Describe(c)} is not allowed";
            }
        }
        if (!id.Any(char.IsAsciiLetterOrDigit))
        {
            return "it has no letter or digit";
        }
        return null;
    }

    /// <summary>True when <paramref name="id"/> is a valid sweep id (<see cref="Validate"/> finds nothing wrong).</summary>
    public static bool IsValid(string? id) => Validate(id) is null;

    /// <summary>The id as messages quote it: control characters escaped and a very long id cut, so the message stays one readable line.</summary>
    public static string Quote(string? id)
    {
        if (id is null)
        {
            return "''";
        }
        var shown = id.Length > 60 ? id[..60] + "..." : id;
        var sb = new StringBuilder("'");
        foreach (var c in shown)
        {
            sb.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }
        return sb.Append('\'').ToString();
    }

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        _ when char.IsControl(c) || char.IsWhiteSpace(c) => $"the character U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}

using System.Security.Cryptography;
using System.Text;

namespace Mentia.Core.Sweeps;

/// <summary>
/// A sweep's id is its name and a hash of its spec text: submitting the same spec again finds the same
/// sweep (and what it already computed) instead of starting over; changing any character starts a new one.
/// </summary>
public static class SweepIds
{
    public static string For(string name, string specText)
    {
        var normalised = specText.Replace("\r\n", "\n").Trim();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
        return $"{name}-{hash[..10]}";
    }
}

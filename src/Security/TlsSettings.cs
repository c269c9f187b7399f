namespace Mentia.Security;

/// <summary>
/// Where this process's certificate, its key and the cluster's CA are, from MENTIA_TLS_* variables. Mutual
/// TLS is on exactly when MENTIA_TLS_CERT is set; it is off by default, for the laptop.
/// </summary>
/// <param name="CertPath">MENTIA_TLS_CERT: this process's certificate, PEM (tls.crt) or PKCS#12 (.pfx/.p12), auto-detected.</param>
/// <param name="KeyPath">MENTIA_TLS_KEY: the PEM private key of a PEM certificate (tls.key); null when the certificate file holds it.</param>
/// <param name="CaPath">MENTIA_TLS_CA: PEM certificate(s) of the CA that signs every silo and client certificate (ca.crt).</param>
/// <param name="Password">MENTIA_TLS_PASSWORD: the password of a PKCS#12 file, if it has one.</param>
public sealed record TlsSettings(string CertPath, string? KeyPath, string CaPath, string? Password)
{
    public const string CertVariable = "MENTIA_TLS_CERT";
    public const string KeyVariable = "MENTIA_TLS_KEY";
    public const string CaVariable = "MENTIA_TLS_CA";
    public const string PasswordVariable = "MENTIA_TLS_PASSWORD";

    /// <summary>
    /// The settings, or null when MENTIA_TLS_CERT is unset and so is every other MENTIA_TLS_* variable.
    /// A partial setting is an error rather than silently plain TCP: someone meant TLS to be on.
    /// </summary>
    public static TlsSettings? From(Func<string, string?> get)
    {
        string? Value(string name) => get(name) is { Length: > 0 } v ? v : null;
        var cert = Value(CertVariable);
        var key = Value(KeyVariable);
        var ca = Value(CaVariable);
        var password = Value(PasswordVariable);
        if (cert is null)
        {
            var set = new[] { (KeyVariable, key), (CaVariable, ca), (PasswordVariable, password) }.Where(x => x.Item2 is not null).Select(x => x.Item1).ToList();
            if (set.Count > 0)
            {
                throw new TlsSettingsException(CertVariable, $"not set, but {string.Join(" and ", set)} {(set.Count == 1 ? "is" : "are")}: mutual TLS needs this process's own certificate (PEM or PKCS#12)");
            }
            return null;
        }
        if (ca is null)
        {
            throw new TlsSettingsException(CaVariable, "not set: mutual TLS needs the PEM certificate of the CA that signs every silo and client certificate");
        }
        return new TlsSettings(cert, key, ca, password);
    }
}

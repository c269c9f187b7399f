using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Mentia.Security;

/// <summary>
/// Mutual TLS for Orleans connections: this process's certificate and the cluster's CA. A peer is admitted
/// when its certificate chains to that CA (nothing else is trusted, not even the system's roots) and allows
/// the role the connection needs. Host names are not checked: pods come and go with new addresses, so the
/// identity is "issued by the cluster's CA", which is why that CA must sign nothing but Mentia's certificates.
/// </summary>
public sealed class ClusterTls
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private ClusterTls(X509Certificate2 certificate, X509Certificate2Collection authorities, TlsSettings settings)
    {
        Certificate = certificate;
        Authorities = authorities;
        Settings = settings;
    }

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificates a peer's certificate must chain to.</summary>
    public X509Certificate2Collection Authorities { get; }

    public TlsSettings Settings { get; }

    /// <summary>Reads MENTIA_TLS_* and loads the files; null when TLS is off. Throws <see cref="TlsSettingsException"/> naming the variable at fault.</summary>
    public static ClusterTls? FromEnvironment(Func<string, string?> get, TlsRole role) =>
        TlsSettings.From(get) is { } settings ? Load(settings, role) : null;

    /// <summary>
    /// Loads and checks everything at start, so a wrong file is one clear line now rather than every
    /// connection failing its handshake later: the files exist and parse, the key matches, the certificate
    /// is valid today, chains to the CA, and allows what <paramref name="role"/> does.
    /// </summary>
    public static ClusterTls Load(TlsSettings settings, TlsRole role)
    {
        var authorities = LoadAuthorities(settings.CaPath);
        var certificate = LoadCertificate(settings);
        var tls = new ClusterTls(certificate, authorities, settings);
        if (!certificate.HasPrivateKey)
        {
            throw new TlsSettingsException(TlsSettings.CertVariable, $"'{settings.CertPath}' holds no private key; give a PKCS#12 file with its key, or the PEM key in {TlsSettings.KeyVariable}");
        }
        if (tls.Problem(certificate, presented: null, role) is { } problem)
        {
            throw new TlsSettingsException(TlsSettings.CertVariable, $"the certificate in '{settings.CertPath}' cannot serve as a {(role == TlsRole.Silo ? "silo" : "client")} certificate: {problem}");
        }
        return tls;
    }

    /// <summary>Null when <paramref name="peer"/> may connect as <paramref name="role"/>; else why not, in words.</summary>
    /// <param name="presented">The chain the TLS stack built from what the peer sent: its intermediates are used, its trust verdict is not.</param>
    public string? Problem(X509Certificate2 peer, X509Chain? presented, TlsRole role)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        // A private CA publishes no revocation lists; a compromised certificate is handled by rotating the CA.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        if (!chain.Build(peer))
        {
            var reasons = chain.ChainStatus.Select(s => s.StatusInformation.Trim().TrimEnd('.')).Where(s => s.Length > 0).Distinct();
            return $"'{peer.Subject}' is not valid under the CA in {TlsSettings.CaVariable} ({string.Join("; ", reasons)})";
        }
        var missing = Usages(role).Where(u => !Allows(peer, u.Oid)).Select(u => u.Name).ToList();
        return missing.Count == 0
            ? null
            : $"'{peer.Subject}' lacks the Extended Key Usage {string.Join(" and ", missing)} that a {(role == TlsRole.Silo ? "silo" : "client")} certificate needs";
    }

    /// <summary>
    /// Sets <paramref name="options"/> for one direction of connections: present this certificate, require
    /// one from the peer, and admit it only if <see cref="Problem"/> finds none for <paramref name="peerRole"/>.
    /// </summary>
    /// <param name="rejected">Told why a peer was refused (the silo logs it); the TLS stack itself says nothing useful.</param>
    public void Configure(TlsOptions options, TlsRole peerRole, Action<string>? rejected = null)
    {
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        // The client side's default, AllowCertificate, silently sends no certificate when it is unfit; fail instead.
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // The TLS stack's own verdict (policy errors) is ignored on purpose: it trusts the system's roots, not
        // our CA, and compares host names, which pods do not have stable ones of. Problem() decides alone.
        options.RemoteCertificateValidation = (peer, chain, _) =>
        {
            var problem = Problem(peer, chain, peerRole);
            if (problem is not null)
            {
                rejected?.Invoke(problem);
            }
            return problem is null;
        };
    }

    /// <summary>One line for the log: whose certificate, until when, and which CA.</summary>
    public string Describe() =>
        $"mutual TLS on: certificate '{Certificate.Subject}' (valid until {Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}), trusting only the CA{(Authorities.Count == 1 ? "" : "s")} {string.Join(", ", Authorities.Select(a => $"'{a.Subject}'"))}";

    private static IEnumerable<(string Oid, string Name)> Usages(TlsRole role) => role == TlsRole.Silo
        ? [(ServerAuthOid, "Server Authentication"), (ClientAuthOid, "Client Authentication")]
        : [(ClientAuthOid, "Client Authentication")];

    // No EKU extension at all means any usage (RFC 5280 4.2.1.12).
    private static bool Allows(X509Certificate2 certificate, string oid) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } eku
        || eku.EnhancedKeyUsages.Cast<Oid>().Any(u => u.Value == oid);

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        RequireFile(TlsSettings.CaVariable, path);
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (CryptographicException e)
        {
            throw new TlsSettingsException(TlsSettings.CaVariable, $"'{path}' is not PEM certificates: {e.Message.TrimEnd('.')}");
        }
        if (authorities.Count == 0)
        {
            throw new TlsSettingsException(TlsSettings.CaVariable, $"'{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return authorities;
    }

    private static X509Certificate2 LoadCertificate(TlsSettings settings)
    {
        RequireFile(TlsSettings.CertVariable, settings.CertPath);
        var bytes = File.ReadAllBytes(settings.CertPath);
        if (!IsPem(bytes))
        {
            if (settings.KeyPath is not null)
            {
                throw new TlsSettingsException(TlsSettings.KeyVariable, $"set, but '{settings.CertPath}' is PKCS#12, which carries its own key; unset {TlsSettings.KeyVariable}");
            }
            try
            {
                return X509CertificateLoader.LoadPkcs12(bytes, settings.Password);
            }
            catch (CryptographicException e)
            {
                throw new TlsSettingsException(TlsSettings.CertVariable, $"'{settings.CertPath}' is neither a PEM certificate nor a PKCS#12 file that opens{(settings.Password is null ? $" without a password ({TlsSettings.PasswordVariable})" : $" with {TlsSettings.PasswordVariable}")}: {e.Message.TrimEnd('.')}");
            }
        }
        var certText = System.Text.Encoding.ASCII.GetString(bytes);
        X509Certificate2 withoutKey;
        try
        {
            withoutKey = X509Certificate2.CreateFromPem(certText);
        }
        catch (CryptographicException e)
        {
            throw new TlsSettingsException(TlsSettings.CertVariable, $"'{settings.CertPath}' holds no PEM certificate: {e.Message.TrimEnd('.')}");
        }
        var keyVariable = settings.KeyPath is null ? TlsSettings.CertVariable : TlsSettings.KeyVariable;
        var keyPath = settings.KeyPath ?? settings.CertPath;
        RequireFile(keyVariable, keyPath);
        var keyText = File.ReadAllText(keyPath);
        if (!keyText.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw settings.KeyPath is null
                ? new TlsSettingsException(TlsSettings.KeyVariable, $"not set, and '{settings.CertPath}' holds no PEM private key; name the key file (tls.key) in {TlsSettings.KeyVariable}")
                : new TlsSettingsException(TlsSettings.KeyVariable, $"'{keyPath}' holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        if (keyText.Contains("ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new TlsSettingsException(keyVariable, $"'{keyPath}' is an encrypted PEM key, which is not supported; give an unencrypted key (on a Secret volume) or a PKCS#12 file with {TlsSettings.PasswordVariable}");
        }
        try
        {
            return X509Certificate2.CreateFromPem(certText, keyText);
        }
        // CryptographicException: not a key it can read; ArgumentException: a key, but of another certificate.
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            var why = e is ArgumentException ? "it is the key of another certificate" : e.Message.TrimEnd('.');
            throw new TlsSettingsException(keyVariable, $"the key in '{keyPath}' does not fit the certificate '{withoutKey.Subject}' in '{settings.CertPath}': {why}");
        }
        finally
        {
            withoutKey.Dispose();
        }
    }

    private static bool IsPem(byte[] bytes) =>
        System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096)).Contains("-----BEGIN ", StringComparison.Ordinal);

    private static void RequireFile(string variable, string path)
    {
        if (!File.Exists(path))
        {
            throw new TlsSettingsException(variable, $"'{path}' does not exist{(Directory.Exists(path) ? " as a file (it is a folder)" : "")}");
        }
    }
}

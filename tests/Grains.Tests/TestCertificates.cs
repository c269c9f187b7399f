using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mentia.TestSupport;

namespace Mentia.Grains.Tests;

/// <summary>
/// A throwaway CA and the certificates it issues, made with CertificateRequest and written as the files a
/// Kubernetes TLS Secret holds (tls.crt, tls.key, ca.crt) or as PKCS#12, in a scratch folder.
/// </summary>
public sealed class TestCertificates
{
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    private TestCertificates(string name, X509Certificate2 ca, string folder)
    {
        Name = name;
        Ca = ca;
        Folder = folder;
        CaPath = Path.Combine(folder, "ca.crt");
        File.WriteAllText(CaPath, ca.ExportCertificatePem());
    }

    public string Name { get; }
    public X509Certificate2 Ca { get; }
    public string Folder { get; }

    /// <summary>The CA certificate, PEM (what MENTIA_TLS_CA names).</summary>
    public string CaPath { get; }

    public static TestCertificates NewCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(2));
        return new TestCertificates(name, ca, RepoPaths.NewTempFolder("tls-" + name));
    }

    /// <summary>A certificate signed by this CA, with the given Extended Key Usages (none: the extension is left out).</summary>
    public X509Certificate2 Issue(string commonName, string[] usages, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (usages.Length > 0)
        {
            var oids = new OidCollection();
            foreach (var u in usages)
            {
                oids.Add(new Oid(u));
            }
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        var expires = notAfter ?? DateTimeOffset.UtcNow.AddDays(1);
        using var withoutKey = request.Create(Ca, DateTimeOffset.UtcNow.AddHours(-1) < expires ? DateTimeOffset.UtcNow.AddHours(-1) : expires.AddHours(-1), expires, RandomNumberGenerator.GetBytes(16));
        return withoutKey.CopyWithPrivateKey(key);
    }

    /// <summary>A silo certificate (server and client usage).</summary>
    public X509Certificate2 Silo(string name = "mentia-silo") => Issue(name, [ServerAuth, ClientAuth]);

    /// <summary>A client certificate (client usage only).</summary>
    public X509Certificate2 Client(string name = "mentia-client") => Issue(name, [ClientAuth]);

    /// <summary>Writes tls.crt and tls.key (PEM) into a folder of their own; returns their paths.</summary>
    public (string Cert, string Key) WritePem(X509Certificate2 certificate, string name)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Folder, name)).FullName;
        var cert = Path.Combine(dir, "tls.crt");
        var key = Path.Combine(dir, "tls.key");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }

    /// <summary>Writes a PKCS#12 file (certificate and key, optionally with a password); returns its path.</summary>
    public string WritePfx(X509Certificate2 certificate, string name, string? password = null)
    {
        var path = Path.Combine(Folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>MENTIA_TLS_* for a PEM pair signed by this CA, trusting <paramref name="trust"/> (default: this CA).</summary>
    public Dictionary<string, string> Environment(X509Certificate2 certificate, string name, TestCertificates? trust = null)
    {
        var (cert, key) = WritePem(certificate, name);
        return new()
        {
            ["MENTIA_TLS_CERT"] = cert,
            ["MENTIA_TLS_KEY"] = key,
            ["MENTIA_TLS_CA"] = (trust ?? this).CaPath,
        };
    }
}

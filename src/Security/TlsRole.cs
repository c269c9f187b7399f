namespace Mentia.Security;

/// <summary>
/// What a certificate must be allowed to do, by its Extended Key Usage. A silo both accepts connections
/// (server) and opens them to other silos (client); a client only opens them. The silo port admits only
/// silo certificates, so a client certificate cannot pass for a silo.
/// </summary>
public enum TlsRole
{
    /// <summary>A `mentia` client or client Job: Client Authentication.</summary>
    Client,

    /// <summary>A silo: Server Authentication and Client Authentication.</summary>
    Silo,
}

namespace Mentia.Security;

/// <summary>
/// A MENTIA_TLS_* setting is wrong: a missing file, a certificate that is not one, a key that does not
/// match, a certificate the CA did not sign. Silo and client turn it into their own one-line error (exit 2).
/// </summary>
public sealed class TlsSettingsException(string variable, string problem) : Exception($"{variable}: {problem}")
{
    /// <summary>The environment variable at fault, without the '$' (e.g. MENTIA_TLS_CERT).</summary>
    public string Variable { get; } = variable;

    /// <summary>What is wrong with it, without the variable's name.</summary>
    public string Problem { get; } = problem;
}

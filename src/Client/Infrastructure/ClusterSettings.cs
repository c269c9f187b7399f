using System.ComponentModel;
using System.Globalization;
using Mentia.Security;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Infrastructure;

/// <summary>Options of commands that talk to a running cluster, and the connection itself.</summary>
public class ClusterSettings : CommandSettings
{
    /// <summary>The connection bound when neither --timeout nor $MENTIA_TIMEOUT says otherwise: long enough for a silo on another machine, short enough that a script notices a dead cluster.</summary>
    public const double DefaultTimeoutSeconds = 10;

    /// <summary>The allowed range of --timeout and $MENTIA_TIMEOUT, in seconds.</summary>
    public const double MinTimeoutSeconds = 0.1, MaxTimeoutSeconds = 3600;

    [CommandOption("--gateway <HOST:PORT>")]
    [Description("A silo gateway. Default: $MENTIA_GATEWAY, else the cluster's membership table when $MENTIA_STORAGE_CONNECTION is set, else 127.0.0.1:30000")]
    public string? Gateway { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("Give up connecting to the cluster after this many seconds, in [0.1, 3600]. Default: $MENTIA_TIMEOUT, else 10")]
    public double? Timeout { get; init; }

    [CommandOption("--json")]
    [Description("Print the result as JSON (errors too: {\"error\": {...}}).")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Timeout is { } t && !InRange(t)
            ? ValidationResult.Error($"--timeout: {t.ToString(CultureInfo.InvariantCulture)} is out of range; allowed: [{MinTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}, {MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}] seconds")
            : ValidationResult.Success();

    /// <summary>
    /// Connects within the timeout, or fails with one line naming the gateway, where it came from, and the
    /// options that change it (exit 1); without the bound the Orleans client retries for minutes.
    /// </summary>
    public async Task<ClusterConnection> ConnectAsync(CancellationToken ct)
    {
        var tls = LoadTls();
        var storage = Environment.GetEnvironmentVariable("MENTIA_STORAGE_CONNECTION");
        var target = GatewayTarget.Choose(Gateway, Environment.GetEnvironmentVariable("MENTIA_GATEWAY"), storage);
        var (seconds, timeoutOrigin) = ResolveTimeout();
        var clusterId = Environment.GetEnvironmentVariable("MENTIA_CLUSTER_ID") is { Length: > 0 } c ? c : "mentia";
        var serviceId = Environment.GetEnvironmentVariable("MENTIA_SERVICE_ID") is { Length: > 0 } s ? s : "mentia";
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            var endpoint = await target.ResolveAsync(bound.Token);
            return await ClusterConnection.ConnectAsync(clusterId, serviceId, endpoint, storage, bound.Token, tls);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ClusterUnavailableException($"no Mentia gateway answered at {target.Describe()} within {Seconds(seconds)} s ({timeoutOrigin}); {GatewayTarget.Advice}, or wait longer with --timeout SECONDS{TlsHint(tls)}");
        }
        catch (Exception e) when (e is not (OperationCanceledException or UserInputException or ClusterUnavailableException))
        {
            // The client's own exception text ("Unable to connect to any of the 1 available gateways") adds nothing a user can act on.
            throw new ClusterUnavailableException($"no Mentia gateway answers at {target.Describe()}; {GatewayTarget.Advice}{TlsHint(tls)}");
        }
    }

    /// <summary>
    /// Mutual TLS from $MENTIA_TLS_CERT, $MENTIA_TLS_KEY and $MENTIA_TLS_CA, or null when unset. A wrong file
    /// is bad input (exit 2) naming the variable, found before any connection is tried.
    /// </summary>
    internal static ClusterTls? LoadTls()
    {
        try
        {
            return ClusterTls.FromEnvironment(Environment.GetEnvironmentVariable, TlsRole.Client);
        }
        catch (TlsSettingsException e)
        {
            throw new UserInputException($"${e.Variable}: {e.Problem}", "$" + e.Variable);
        }
    }

    // A TLS handshake that fails looks like a silent gateway to the client; say which side to check.
    private static string TlsHint(ClusterTls? tls) => tls is null
        ? ""
        : $" (mutual TLS is on: the gateway must present a certificate from the CA in $MENTIA_TLS_CA and accept '{tls.Certificate.Subject}')";

    /// <summary>--timeout, else $MENTIA_TIMEOUT, else the default; with the words that say which.</summary>
    private (double Seconds, string Origin) ResolveTimeout()
    {
        if (Timeout is { } t)
        {
            return (t, "--timeout");
        }
        if (Environment.GetEnvironmentVariable("MENTIA_TIMEOUT") is { Length: > 0 } text)
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var env) || !InRange(env))
            {
                throw new UserInputException($"$MENTIA_TIMEOUT: '{text}' is not allowed; allowed: seconds in [{MinTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}, {MaxTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}]", "$MENTIA_TIMEOUT");
            }
            return (env, "$MENTIA_TIMEOUT");
        }
        return (DefaultTimeoutSeconds, "the default timeout");
    }

    private static bool InRange(double seconds) => seconds is >= MinTimeoutSeconds and <= MaxTimeoutSeconds;

    private static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);
}

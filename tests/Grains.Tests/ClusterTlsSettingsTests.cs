using System.Diagnostics;
using Mentia.Security;
using Mentia.Silo;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Grains.Tests;

/// <summary>
/// MENTIA_TLS_* misconfigured: each mistake is one message naming the variable, found at start; the silo
/// exits 2 with it and `mentia` exits 2 with it, neither with a stack trace.
/// </summary>
public class ClusterTlsSettingsTests
{
    private static readonly TestCertificates Ca = TestCertificates.NewCa("settings-ca");

    private static TlsSettingsException Fails(Dictionary<string, string> env, TlsRole role = TlsRole.Silo) =>
        Assert.Throws<TlsSettingsException>(() => ClusterTls.FromEnvironment(n => env.GetValueOrDefault(n), role));

    [Fact]
    public void Tls_is_off_when_no_variable_is_set_and_on_with_a_certificate_key_and_ca()
    {
        Assert.Null(ClusterTls.FromEnvironment(_ => null, TlsRole.Silo));
        var tls = ClusterTls.FromEnvironment(n => Ca.Environment(Ca.Silo(), "ok").GetValueOrDefault(n), TlsRole.Silo)!;
        Assert.Equal("CN=mentia-silo", tls.Certificate.Subject);
        Assert.True(tls.Certificate.HasPrivateKey);
        Assert.Null(tls.Problem(Ca.Client(), null, TlsRole.Client));
    }

    [Fact]
    public void A_partial_setting_names_the_missing_variable()
    {
        var only = new Dictionary<string, string> { ["MENTIA_TLS_CA"] = Ca.CaPath };
        Assert.Equal("MENTIA_TLS_CERT", Fails(only).Variable);
        var env = Ca.Environment(Ca.Silo(), "no-ca");
        env.Remove("MENTIA_TLS_CA");
        var e = Fails(env);
        Assert.Equal("MENTIA_TLS_CA", e.Variable);
        Assert.Contains("not set", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_are_named_with_their_variable()
    {
        foreach (var variable in new[] { "MENTIA_TLS_CERT", "MENTIA_TLS_KEY", "MENTIA_TLS_CA" })
        {
            var env = Ca.Environment(Ca.Silo(), "missing-" + variable);
            env[variable] = "/nonexistent/" + variable;
            var e = Fails(env);
            Assert.Equal(variable, e.Variable);
            Assert.Equal($"{variable}: '/nonexistent/{variable}' does not exist", e.Message);
        }
    }

    [Fact]
    public void A_pem_certificate_without_its_key_or_with_another_key_names_the_key_variable()
    {
        var env = Ca.Environment(Ca.Silo(), "no-key");
        env.Remove("MENTIA_TLS_KEY");
        Assert.Equal("MENTIA_TLS_KEY", Fails(env).Variable);

        var (_, otherKey) = Ca.WritePem(Ca.Silo("someone-else"), "other-key");
        env = Ca.Environment(Ca.Silo(), "wrong-key");
        env["MENTIA_TLS_KEY"] = otherKey;
        var e = Fails(env);
        Assert.Equal("MENTIA_TLS_KEY", e.Variable);
        Assert.Contains("does not fit the certificate 'CN=mentia-silo'", e.Problem, StringComparison.Ordinal);

        env["MENTIA_TLS_KEY"] = Ca.CaPath; // a certificate, not a key
        Assert.Contains("holds no PEM private key", Fails(env).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_that_is_not_one_or_a_pkcs12_with_the_wrong_password_names_the_certificate_variable()
    {
        var garbage = Path.Combine(Ca.Folder, "garbage.pfx");
        File.WriteAllBytes(garbage, [1, 2, 3, 4]);
        var e = Fails(new() { ["MENTIA_TLS_CERT"] = garbage, ["MENTIA_TLS_CA"] = Ca.CaPath });
        Assert.Equal("MENTIA_TLS_CERT", e.Variable);
        Assert.Contains("neither a PEM certificate nor a PKCS#12 file", e.Problem, StringComparison.Ordinal);

        var pfx = Ca.WritePfx(Ca.Silo(), "locked", "right");
        e = Fails(new() { ["MENTIA_TLS_CERT"] = pfx, ["MENTIA_TLS_CA"] = Ca.CaPath, ["MENTIA_TLS_PASSWORD"] = "wrong" });
        Assert.Equal("MENTIA_TLS_CERT", e.Variable);
        Assert.Contains("MENTIA_TLS_PASSWORD", e.Problem, StringComparison.Ordinal);
        Assert.NotNull(ClusterTls.FromEnvironment(n => new Dictionary<string, string> { ["MENTIA_TLS_CERT"] = pfx, ["MENTIA_TLS_CA"] = Ca.CaPath, ["MENTIA_TLS_PASSWORD"] = "right" }.GetValueOrDefault(n), TlsRole.Silo));

        var notCa = Path.Combine(Ca.Folder, "not-a-ca.crt");
        File.WriteAllText(notCa, "hello\n");
        var env = Ca.Environment(Ca.Silo(), "bad-ca");
        env["MENTIA_TLS_CA"] = notCa;
        Assert.Equal("MENTIA_TLS_CA", Fails(env).Variable);
    }

    [Fact]
    public void A_certificate_from_another_ca_expired_or_without_the_roles_usage_is_refused_at_start()
    {
        var other = TestCertificates.NewCa("another-ca");
        var env = other.Environment(other.Silo(), "foreign", trust: Ca);
        var e = Fails(env);
        Assert.Equal("MENTIA_TLS_CERT", e.Variable);
        Assert.Contains("is not valid under the CA in MENTIA_TLS_CA", e.Problem, StringComparison.Ordinal);

        Assert.Equal("MENTIA_TLS_CERT", Fails(Ca.Environment(Ca.Issue("old", [TestCertificates.ServerAuth, TestCertificates.ClientAuth], DateTimeOffset.UtcNow.AddMinutes(-5)), "expired")).Variable);

        e = Fails(Ca.Environment(Ca.Client(), "client-as-silo"), TlsRole.Silo);
        Assert.Contains("lacks the Extended Key Usage Server Authentication that a silo certificate needs", e.Problem, StringComparison.Ordinal);
        Assert.NotNull(ClusterTls.FromEnvironment(n => Ca.Environment(Ca.Client(), "client-as-client").GetValueOrDefault(n), TlsRole.Client));
    }

    [Fact]
    public void Peers_are_judged_by_their_ca_and_role()
    {
        var tls = ClusterTls.FromEnvironment(n => Ca.Environment(Ca.Silo(), "judge").GetValueOrDefault(n), TlsRole.Silo)!;
        Assert.Null(tls.Problem(Ca.Silo("peer"), null, TlsRole.Silo));
        Assert.Null(tls.Problem(Ca.Client("peer"), null, TlsRole.Client));
        Assert.Null(tls.Problem(Ca.Silo("peer"), null, TlsRole.Client)); // a silo may act as a client
        Assert.NotNull(tls.Problem(Ca.Client("peer"), null, TlsRole.Silo));
        Assert.NotNull(tls.Problem(TestCertificates.NewCa("x").Silo("peer"), null, TlsRole.Silo));
    }

    [Fact]
    public void The_silo_settings_carry_tls_errors_and_the_silo_exits_2_naming_the_variable()
    {
        var env = Ca.Environment(Ca.Silo(), "silo-missing");
        env["MENTIA_TLS_CERT"] = "/nonexistent/tls.crt";
        var e = Assert.Throws<ArgumentException>(() => SiloSettings.From(n => env.GetValueOrDefault(n)));
        Assert.Contains("MENTIA_TLS_CERT: '/nonexistent/tls.crt' does not exist", e.Message, StringComparison.Ordinal);

        var run = Run(Path.Combine(BinFolder("Silo"), "Mentia.Silo.dll"), [], env);
        Assert.Equal(2, run.Code);
        Assert.Equal("error: silo settings: MENTIA_TLS_CERT: '/nonexistent/tls.crt' does not exist", run.Err.Trim());
    }

    [Fact]
    public void The_cli_exits_2_naming_the_variable_before_it_tries_to_connect()
    {
        var env = Ca.Environment(Ca.Client(), "cli-missing");
        env["MENTIA_TLS_KEY"] = "/nonexistent/tls.key";
        var run = Run(Path.Combine(BinFolder("Client"), "mentia.dll"), ["list", "--gateway", "127.0.0.1:9"], env);
        Assert.Equal(2, run.Code);
        Assert.Equal("error: $MENTIA_TLS_KEY: '/nonexistent/tls.key' does not exist", run.Err.Trim());

        run = Run(Path.Combine(BinFolder("Client"), "mentia.dll"), ["list", "--gateway", "127.0.0.1:9", "--json"], env);
        Assert.Equal(2, run.Code);
        Assert.Contains("\"field\":\"$MENTIA_TLS_KEY\"", run.Out.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    internal static string BinFolder(string project) =>
        Path.Combine(RepoPaths.Root, "src", project, "bin", AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug", "net10.0");

    internal static (int Code, string Out, string Err) Run(string dll, string[] args, Dictionary<string, string> env)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }
        psi.Environment["MENTIA_MODE"] = "cluster";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "the process did not exit");
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

using Mentia.Tooling;
using System.ComponentModel;
using System.Text.Json;
using Mentia.Client.Infrastructure;
using Mentia.Storage;
using Mentia.Client.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>Options of the local storage emulator the build script manages.</summary>
public class AzuriteSettings : CommandSettings
{
    [CommandOption("--tools <DIR>")]
    [Description("Folder where `npm install --prefix DIR azurite` installed the emulator. Default: .tools")]
    public string Tools { get; init; } = ".tools";

    [CommandOption("--location <DIR>")]
    [Description("Emulator data, log and pid file. Default: .work/azurite")]
    public string Location { get; init; } = Path.Combine(".work", "azurite");

    [CommandOption("--port <PORT>")]
    [Description("Blob port; queue and table listen on the next two. Default: 10000 (Azurite's own)")]
    public int Port { get; init; } = AzuriteEndpoint.Default.BlobPort;

    public string PidFile => Path.Combine(Location, "azurite.pid");

    public AzuriteEndpoint Endpoint => new(Port, Port + 1, Port + 2);

    public override ValidationResult Validate() =>
        Port is < 1024 or > 65533 ? ValidationResult.Error($"--port: {Port} is out of range; allowed: [1024, 65533] (queue and table take the next two ports)") : ValidationResult.Success();
}

/// <summary>`mentia azurite start`: starts Azurite on 127.0.0.1 (ports 10000-10002 unless told) in the background and records its pid.</summary>
public sealed class AzuriteStartCommand(IAnsiConsole console) : Command<AzuriteSettings>
{
    public override int Execute(CommandContext context, AzuriteSettings settings, CancellationToken cancellationToken)
    {
        var endpoint = settings.Endpoint;
        if (AzuriteHost.IsListening(endpoint))
        {
            console.MarkupLine($"Azurite already listening on {endpoint.Host}:{endpoint.BlobPort}");
            return ExitCodes.Ok;
        }
        using var host = AzuriteHost.Start(Path.GetFullPath(settings.Tools), Path.GetFullPath(settings.Location), endpoint, detached: true);
        File.WriteAllText(settings.PidFile, host.ProcessId.ToString());
        console.MarkupLine($"Azurite started (pid {host.ProcessId}) on {endpoint.Host}:{endpoint.BlobPort}-{endpoint.TablePort}, data in {Markup.Escape(host.Location)}");
        if (endpoint != AzuriteEndpoint.Default)
        {
            // Not the default ports: silos and commands need to be told where it is.
            console.PlainLine($"connection: export MENTIA_STORAGE_CONNECTION='{endpoint.ConnectionString}'");
        }
        return ExitCodes.Ok;
    }
}

/// <summary>
/// `mentia azurite stop`: stops the emulator that `start` recorded, by its pid: SIGTERM, so it saves its blob
/// index and exits, and SIGKILL only if it has not exited after 10 s. Says which of the two happened.
/// </summary>
public sealed class AzuriteStopCommand(IAnsiConsole console) : Command<AzuriteSettings>
{
    public override int Execute(CommandContext context, AzuriteSettings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.PidFile) || !int.TryParse(File.ReadAllText(settings.PidFile).Trim(), out var pid))
        {
            console.MarkupLine("no Azurite pid file; nothing to stop");
            return ExitCodes.Ok;
        }
        var outcome = AzuriteHost.Stop(pid);
        File.Delete(settings.PidFile);
        console.Profile.Out.Writer.WriteLine(outcome switch
        {
            StopOutcome.Terminated => $"Azurite (pid {pid}) stopped (SIGTERM: it saved its data and exited)",
            StopOutcome.Killed => $"Azurite (pid {pid}) did not exit within {GracefulStop.DefaultGrace.TotalSeconds:0} s of SIGTERM and was killed (SIGKILL): writes since its last save may be lost",
            _ => $"Azurite (pid {pid}) was not running",
        });
        // Stopped either way: the line says whether data may be lost; the build's cleanup should not fail on it.
        return ExitCodes.Ok;
    }
}

using System.ComponentModel;
using Mentia.Storage;
using Spectre.Console.Cli;

namespace Mentia.Client.Infrastructure;

/// <summary>Options shared by commands that touch blob storage.</summary>
public class StorageSettings : CommandSettings
{
    [CommandOption("--connection <STRING>")]
    [Description("Blob storage connection string. Default: $MENTIA_STORAGE_CONNECTION, else a local Azurite on 127.0.0.1:10000.")]
    public string? Connection { get; init; }

    public string ResolveConnection() =>
        Connection
        ?? (Environment.GetEnvironmentVariable("MENTIA_STORAGE_CONNECTION") is { Length: > 0 } env ? env : AzuriteEndpoint.Default.ConnectionString);
}

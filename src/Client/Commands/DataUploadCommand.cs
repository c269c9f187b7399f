using System.ComponentModel;
using Mentia.Client.Infrastructure;
using Mentia.Core.Data;
using Mentia.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mentia.Client.Commands;

/// <summary>`mentia data upload`: puts the verified MNIST files into the `datasets` blob container.</summary>
public sealed class DataUploadCommand(IAnsiConsole console) : AsyncCommand<DataUploadCommand.Settings>
{
    public sealed class Settings : StorageSettings
    {
        [CommandOption("--cache <DIR>")]
        [Description("The verified MNIST cache (see `mentia data fetch`). Default: $MENTIA_MNIST_DIR, else ~/.cache/mentia/mnist.")]
        public string? Cache { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var cache = settings.Cache ?? MnistStore.DefaultCache;
        try
        {
            MnistFolder.Check(cache);
        }
        catch (DataFormatException e)
        {
            throw new UserInputException($"--cache: {e.Message}; run `mentia data fetch --cache {cache}` first", "--cache");
        }
        var store = new BlobStore(settings.ResolveConnection());
        var uploaded = await DatasetBlobs.UploadMnistAsync(store, cache, cancellationToken);
        console.MarkupLine($"[green]datasets/mnist[/]: {uploaded} uploaded, {MnistFiles.All.Count - uploaded} already current");
        return ExitCodes.Ok;
    }
}

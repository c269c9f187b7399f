using System.ComponentModel;
using Mentia.Core.Data;
using Mentia.Training;
using Spectre.Console.Cli;

namespace Mentia.Client.Infrastructure;

/// <summary>Options of commands that run the engine in this process.</summary>
public class EngineSettings : CommandSettings
{
    [CommandOption("--device <DEVICE>")]
    [Description("auto (CUDA when the CUDA build and a GPU are present), cpu or cuda. Default: auto")]
    public string Device { get; init; } = "auto";

    [CommandOption("--threads <N>")]
    [Description("CPU threads for the engine; 0 keeps libtorch's default. Default: 0")]
    public int Threads { get; init; }

    [CommandOption("--mnist <DIR>")]
    [Description("The verified MNIST cache (see `mentia data fetch`). Default: $MENTIA_MNIST_DIR, else ~/.cache/mentia/mnist")]
    public string? Mnist { get; init; }

    public override Spectre.Console.ValidationResult Validate()
    {
        if (Device is not ("auto" or "cpu" or "cuda"))
        {
            return Spectre.Console.ValidationResult.Error($"--device: '{Device}' is not allowed; allowed: auto, cpu, cuda");
        }
        if (Device == "cuda" && !TorchRuntime.CudaAvailable)
        {
            return Spectre.Console.ValidationResult.Error("--device: 'cuda' is not available here (this is the CPU build, or no GPU is visible); allowed: auto, cpu (the CUDA build: -p:TorchBackend=cuda on a GPU machine)");
        }
        if (Threads < 0 || Threads > 1024)
        {
            return Spectre.Console.ValidationResult.Error($"--threads: {Threads} is out of range; allowed: [0, 1024]");
        }
        return Spectre.Console.ValidationResult.Success();
    }

    public EngineOptions Engine() => new(Device, Threads);

    /// <summary>
    /// Loads MNIST from --mnist (else the default cache), naming the file and its problem when one is
    /// missing, of the wrong size, not IDX of its kind, or fails its SHA-256.
    /// </summary>
    public MnistDataset LoadMnist()
    {
        var folder = Mnist ?? MnistStore.DefaultCache;
        try
        {
            MnistFolder.Check(folder);
            return MnistDataset.Load(folder);
        }
        catch (DataFormatException e)
        {
            throw new UserInputException($"--mnist: {e.Message}; run `mentia data fetch --cache {folder}` for verified copies", "--mnist");
        }
    }
}

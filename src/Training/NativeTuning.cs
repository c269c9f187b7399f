using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mentia.Training;

/// <summary>
/// Two settings of the native runtime under libtorch, made when this assembly loads (before libtorch and its
/// OpenMP library do) because together the defaults cost the engine 5-20 % of its time on a small CPU
/// machine (BENCHMARKS.md, "Native runtime"). <c>MENTIA_NATIVE_DEFAULTS=1</c> leaves both at their defaults.
/// <list type="bullet">
/// <item>OpenMP waiting: libgomp's worker threads spin for about 300,000 iterations after every parallel
/// region before they sleep. The engine alternates libtorch's regions with its own kernels (on .NET threads)
/// many times per step, so a spinning worker held one of two cores while the kernel wanted it: a quarter of
/// the one-process run's CPU samples were libgomp, half that after. 10,000 iterations still covers the
/// gap between back-to-back regions (1,000 was no faster; passive waiting was slower). A GOMP_SPINCOUNT or
/// OMP_WAIT_POLICY set by the user wins.</item>
/// <item>The native heap: glibc serves blocks above 128 KiB with a fresh mmap and trims the heap top once
/// 128 KiB lie free, so every training step's activations and gradients came back as newly zeroed pages
/// (1.6-4.4 million page faults and 4-11 s of kernel time per quick sweep; about 0.3 million after). The cost:
/// the process keeps its peak native heap instead of returning it between steps.</item>
/// </list>
/// And one setting for reproducibility, made whatever MENTIA_NATIVE_DEFAULTS says: MKL's conditional numerical
/// reproducibility in strict mode (<c>MKL_CBWR=AUTO,STRICT</c>; a user's MKL_CBWR wins). Without it, on Intel CPUs
/// libtorch's MKL picked other GEMM kernels for a member trained alone than for the same member inside a batched
/// ensemble, and the weights differed in the last bits (measured 2026-11-30 on an Intel Xeon VM; on the AMD EPYC VMs
/// they agreed). The cluster groups replicas however they arrive, so its numbers would have depended on grouping.
/// Cost on the quick sweep: within the run-to-run noise of a 2-core VM (BENCHMARKS.md, "MKL strict reproducibility").
/// </summary>
public static class NativeTuning
{
    private const string SpinCount = "10000";

    private const int M_TRIM_THRESHOLD = -1;
    private const int M_TOP_PAD = -2;
    private const int M_MMAP_THRESHOLD = -3;
    // glibc caps the mmap threshold at 32 MiB on 64-bit; larger blocks (a whole MNIST split) still get their own mapping.
    private const int MmapThreshold = 32 << 20;
    private const int TrimThreshold = 1 << 30;
    private const int TopPad = 64 << 20;

    /// <summary>Whether the settings took (Linux with glibc, not opted out).</summary>
    public static bool Applied { get; private set; }

    /// <summary>Whether MKL_CBWR is set in the C environment (by us, or already by the user).</summary>
    public static bool StrictReproducibility { get; private set; }

#pragma warning disable CA2255 // libgomp reads its settings once, when libtorch loads it; this is the one hook that runs before any engine code can load libtorch.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void BeforeLibTorchLoads()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            StrictReproducibility = SetEnv("MKL_CBWR", "AUTO,STRICT", overwrite: 0) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }
        if (Environment.GetEnvironmentVariable("MENTIA_NATIVE_DEFAULTS") == "1")
        {
            return;
        }
        try
        {
            // .NET's Environment.SetEnvironmentVariable does not reach the C environment that libgomp reads.
            bool userChose = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null;
            bool spin = userChose || SetEnv("GOMP_SPINCOUNT", SpinCount, overwrite: 0) == 0;
            // mallopt returns 1 on success.
            bool heap = MallOpt(M_MMAP_THRESHOLD, MmapThreshold) == 1
                & MallOpt(M_TRIM_THRESHOLD, TrimThreshold) == 1
                & MallOpt(M_TOP_PAD, TopPad) == 1;
            Applied = spin && heap;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no tunable heap): nothing to tune, and nothing wrong.
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int param, int value);
}

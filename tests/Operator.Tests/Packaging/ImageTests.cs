using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Packaging;

/// <summary>The Dockerfile and the SDK container properties, checked without a Docker engine or a base image
/// (neither is reachable here): what each stage does, the user, what the runtime stage contains and runs.</summary>
public class ImageTests
{
    private static readonly Lazy<Dockerfile> File = new(() => Dockerfile.Parse(System.IO.File.ReadAllText(RepoPaths.Of("Dockerfile"))));

    private static DockerStage Build => File.Value.Stages[0];

    private static DockerStage Runtime => File.Value.Stages[^1];

    [Fact]
    public void The_sdk_stage_builds_and_a_small_aspnet_runtime_stage_runs()
    {
        Assert.Equal(2, File.Value.Stages.Count);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", Build.Image);
        Assert.Equal("build", Build.Name);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0-[a-z]+-chiseled$", Runtime.Image);
        var publish = Assert.Single(Build.All("RUN"), r => r.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("src/Operator/Tern.Operator.csproj", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains("-c Release", publish.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_stage_runs_as_a_numeric_non_root_user()
    {
        var user = Assert.Single(Runtime.All("USER")).Arguments;
        var match = Regex.Match(user, @"^(?<uid>\d+)(:(?<gid>\d+))?$");
        Assert.True(match.Success, $"USER {user} is not numeric: Kubernetes can check runAsNonRoot only for a numeric user.");
        Assert.NotEqual(0, int.Parse(match.Groups["uid"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual("0", match.Groups["gid"].Value);
        // The user must be the one the Deployment and the chart run as.
        Assert.Equal("65532:65532", user);
    }

    [Fact]
    public void The_runtime_stage_copies_only_the_publish_output_and_needs_no_shell()
    {
        var publish = Build.All("RUN").Single(r => r.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));
        var publishOutput = Regex.Match(publish.Arguments, @"-o\s+(\S+)").Groups[1].Value;
        Assert.NotEmpty(publishOutput);
        var copies = Runtime.All("COPY").Concat(Runtime.All("ADD")).ToList();
        var copy = Assert.Single(copies);
        Assert.Matches($@"^--from=build\s+{Regex.Escape(publishOutput.TrimEnd('/'))}/?\s+\S+$", copy.Arguments);
        // A chiseled image has no shell: any RUN, or a shell-form ENTRYPOINT or CMD, would fail there.
        Assert.Empty(Runtime.All("RUN"));
        Assert.Empty(Runtime.All("HEALTHCHECK"));
        Assert.Equal(["/app/tern"], ExecForm(Assert.Single(Runtime.All("ENTRYPOINT"))));
        Assert.Equal(["run"], ExecForm(Assert.Single(Runtime.All("CMD"))));
    }

    [Fact]
    public void Everything_the_build_stage_copies_exists_and_the_context_leaves_out_build_output_and_tests()
    {
        foreach (var copy in Build.All("COPY"))
        {
            var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[..^1].Where(p => !p.StartsWith("--", StringComparison.Ordinal)))
            {
                var exists = System.IO.File.Exists(RepoPaths.Of(source)) || Directory.Exists(RepoPaths.Of(source));
                Assert.True(exists, $"COPY {source}: not in the repository");
            }
        }
        var ignored = System.IO.File.ReadAllLines(RepoPaths.Of(".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", ".git", ".tools/", "tests/" }, ignored.ToHashSet());
        // The operator ships data/README.md (the data's licences) beside its binary.
        Assert.Contains("!data/README.md", ignored);
    }

    [Fact]
    public async Task The_sdk_container_properties_build_the_same_image_as_the_dockerfile()
    {
        var props = RepoPaths.Of("src", "Operator", "Container.props");
        var csproj = System.IO.File.ReadAllText(RepoPaths.Of("src", "Operator", "Tern.Operator.csproj"));
        List<string> arguments =
        [
            "msbuild", RepoPaths.Of("src", "Operator", "Tern.Operator.csproj"), "-nologo",
            "-t:ComputeContainerConfig", "-p:RuntimeIdentifier=linux-x64",
        ];
        // Until the project imports the file, MSBuild's hook for an extra targets file brings it in.
        if (!csproj.Contains("Container.props", StringComparison.Ordinal))
        {
            arguments.Add($"-p:CustomAfterMicrosoftCommonTargets={props}");
        }
        arguments.AddRange(["-getProperty:ContainerBaseImage", "-getProperty:ContainerUser", "-getProperty:ContainerImageTag",
            "-getProperty:EnableSdkContainerSupport", "-getItem:ContainerAppCommand", "-getItem:ContainerDefaultArgs"]);
        var result = await Tools.RunAsync("dotnet", arguments, timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, result.Output);
        var json = JsonNode.Parse(result.Stdout[result.Stdout.IndexOf('{', StringComparison.Ordinal)..])!;
        var properties = json["Properties"]!;
        Assert.Equal(Runtime.Image, properties["ContainerBaseImage"]!.GetValue<string>());
        Assert.Equal("65532", properties["ContainerUser"]!.GetValue<string>());
        Assert.Equal("true", properties["EnableSdkContainerSupport"]!.GetValue<string>());
        Assert.Equal(["/app/tern"], Items(json, "ContainerAppCommand"));
        Assert.Equal(["run"], Items(json, "ContainerDefaultArgs"));
        // One version everywhere: the SDK image tag and the kustomize Deployment's image (the chart's test checks its appVersion).
        var tag = properties["ContainerImageTag"]!.GetValue<string>();
        var deployment = System.IO.File.ReadAllText(RepoPaths.Of("config", "manager", "deployment.yaml"));
        Assert.Contains($"image: ghcr.io/tern-dev/tern:{tag}", deployment, StringComparison.Ordinal);
    }

    private static List<string> ExecForm(DockerInstruction instruction) =>
        JsonSerializer.Deserialize<List<string>>(instruction.Arguments)
        ?? throw new FormatException($"{instruction.Keyword} is not in exec form: {instruction.Arguments}");

    private static List<string> Items(JsonNode json, string name) =>
        [.. json["Items"]![name]!.AsArray().Select(i => i!["Identity"]!.GetValue<string>())];
}

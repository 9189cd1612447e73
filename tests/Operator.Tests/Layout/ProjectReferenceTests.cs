using System.Xml.Linq;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Layout;

/// <summary>The projects' dependencies point one way (README, "Architecture"): each project may reference only the
/// projects below it, and the libraries that run inside Lambda functions or do pure computation stay free of
/// Kubernetes, ASP.NET and plotting packages.</summary>
public class ProjectReferenceTests
{
    // Every project under src/, and what it may reference. A new project has to be placed here.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Entities"] = [],
        ["Solvers"] = [],
        ["Manifests"] = ["Entities"],
        ["Carbon"] = ["Entities"],
        ["Planning"] = ["Entities", "Solvers", "Carbon"],
        ["Reports"] = [],
        ["Backtest"] = ["Entities", "Solvers", "Carbon", "Planning", "Reports"],
        ["Footprint"] = ["Entities", "Carbon", "Reports"],
        ["Sandbox"] = [],
        ["Aws"] = [],
        ["Functions"] = ["Aws"],
        ["FunctionHost"] = ["Aws"],
        ["Operator"] = ["Entities", "Solvers", "Manifests", "Carbon", "Planning", "Backtest", "Footprint", "Reports", "Sandbox", "Aws",
            "FunctionHost"],
    };

    private static readonly Dictionary<string, string[]> ForbiddenPackages = new(StringComparer.Ordinal)
    {
        ["Solvers"] = ["*"],
        ["Entities"] = ["YamlDotNet", "ScottPlot", "prometheus-net.AspNetCore"],
        ["Aws"] = ["KubernetesClient", "ScottPlot", "prometheus-net.AspNetCore"],
        ["Functions"] = ["KubernetesClient", "ScottPlot", "prometheus-net.AspNetCore", "Microsoft.AspNetCore.App"],
        ["FunctionHost"] = ["KubernetesClient", "ScottPlot"],
        ["Carbon"] = ["KubernetesClient", "ScottPlot"],
        ["Planning"] = ["KubernetesClient", "ScottPlot"],
    };

    public static TheoryData<string> Projects() => [.. SourceProjects().Select(p => p.Name)];

    [Fact]
    public void Every_source_project_has_a_place_in_the_layering()
    {
        var unplaced = SourceProjects().Select(p => p.Name).Where(n => !Allowed.ContainsKey(n)).ToList();
        Assert.True(unplaced.Count == 0, $"src/{string.Join(", src/", unplaced)} must be added to {nameof(Allowed)} (and the README's architecture " +
            $"section).");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_references_only_the_projects_below_it(string project)
    {
        var references = ProjectReferences(project);
        var disallowed = references.Except(Allowed.GetValueOrDefault(project, [])).ToList();
        Assert.True(disallowed.Count == 0, $"src/{project} references {string.Join(", ", disallowed)}, which it may not: dependencies point one " +
            $"way.");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_uses_no_package_its_layer_forbids(string project)
    {
        var forbidden = ForbiddenPackages.GetValueOrDefault(project, []);
        var packages = Csproj(project).Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!)
            .Concat(Csproj(project).Descendants("FrameworkReference").Select(e => (string)e.Attribute("Include")!)).ToList();
        var used = packages.Where(p => forbidden.Contains("*") || forbidden.Contains(p)).ToList();
        Assert.True(used.Count == 0, $"src/{project} uses {string.Join(", ", used)}, which its layer forbids.");
    }

    [Fact]
    public void The_allowed_references_form_no_cycle()
    {
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();
        void Visit(string project, string path)
        {
            Assert.True(visiting.Add(project), $"cycle: {path} → {project}");
            foreach (var below in Allowed[project].Where(b => !done.Contains(b)))
            {
                Visit(below, $"{path} → {project}");
            }
            visiting.Remove(project);
            done.Add(project);
        }
        foreach (var project in Allowed.Keys.Where(p => !done.Contains(p)))
        {
            Visit(project, "");
        }
    }

    [Fact]
    public void Each_test_project_tests_its_source_project()
    {
        foreach (var tests in Directory.GetDirectories(RepoPaths.Of("tests"), "*.Tests"))
        {
            var name = Path.GetFileName(tests)[..^".Tests".Length];
            var csproj = XDocument.Load(Path.Combine(tests, $"Tern.{name}.Tests.csproj"));
            var references = csproj.Descendants("ProjectReference").Select(e => Path.GetFileNameWithoutExtension((string)e.Attribute("Include")!))
                .ToList();
            Assert.Contains($"Tern.{name}", references);
        }
    }

    private static IEnumerable<(string Name, string Path)> SourceProjects() =>
        Directory.GetDirectories(RepoPaths.Of("src")).Select(d => (Path.GetFileName(d), Path.Combine(d, $"Tern.{Path.GetFileName(d)}.csproj")))
            .Where(p => File.Exists(p.Item2)).OrderBy(p => p.Item1, StringComparer.Ordinal);

    private static XDocument Csproj(string project) => XDocument.Load(RepoPaths.Of("src", project, $"Tern.{project}.csproj"));

    private static List<string> ProjectReferences(string project) =>
        [.. Csproj(project).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension((string)e.Attribute("Include")!))
            .Select(n => n.StartsWith("Tern.", StringComparison.Ordinal) ? n["Tern.".Length..] : n)];
}

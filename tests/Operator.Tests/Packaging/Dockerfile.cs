using System.Text.RegularExpressions;

namespace Tern.Operator.Tests.Packaging;

/// <summary>A Dockerfile read into its stages and instructions: continuation lines joined, comments and parser
/// directives dropped. Enough to check what each stage does without a Docker engine.</summary>
internal sealed partial record Dockerfile(IReadOnlyList<DockerStage> Stages)
{
    public static Dockerfile Parse(string text)
    {
        var stages = new List<DockerStage>();
        foreach (var line in LogicalLines(text))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var from = FromPattern().Match(arguments);
                if (!from.Success)
                {
                    throw new FormatException($"FROM without an image: {line}");
                }
                var name = from.Groups["name"].Success ? from.Groups["name"].Value : null;
                stages.Add(new DockerStage(from.Groups["image"].Value, name, new List<DockerInstruction>()));
                continue;
            }
            if (stages.Count == 0)
            {
                // Only ARG may come before the first FROM.
                Assert.Equal("ARG", keyword);
                continue;
            }
            ((List<DockerInstruction>)stages[^1].Instructions).Add(new DockerInstruction(keyword, arguments));
        }
        return new Dockerfile(stages);
    }

    private static IEnumerable<string> LogicalLines(string text)
    {
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (current.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                current += line[..^1].TrimEnd() + " ";
                continue;
            }
            if (line.StartsWith('#'))
            {
                continue;
            }
            yield return (current + line).Trim();
            current = "";
        }
        if (current.Length > 0)
        {
            yield return current.Trim();
        }
    }

    [GeneratedRegex(@"^(--platform=\S+\s+)?(?<image>\S+)(\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();
}

/// <summary>One stage: its base image, its name and its instructions in order.</summary>
internal sealed record DockerStage(string Image, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);
}

/// <summary>One instruction, its keyword upper-cased and its arguments as written.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments);

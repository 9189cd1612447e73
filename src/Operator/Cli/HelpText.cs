using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Tern.Operator.Cli;

/// <summary>Tern's help: the library's text with two changes it offers no hook for. A command whose argument is
/// optional is listed by its parent as its own usage line shows it (`plan [&lt;workflow&gt;]`, not `plan &lt;workflow&gt;`),
/// and a verb's help ends with its exit codes.</summary>
internal static class HelpText
{
    public static string Render(string libraryHelp, Command command, IReadOnlyDictionary<Command, IReadOnlyList<ExitCodeMeaning>> exitCodes)
    {
        ArgumentNullException.ThrowIfNull(libraryHelp);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(exitCodes);
        var text = new StringBuilder(WithOptionalArguments(libraryHelp.TrimEnd(), command));
        // A command that only groups others (bench, carbon) has no exit codes of its own.
        if (command.Action is not null)
        {
            text.AppendLine().AppendLine().AppendLine("Exit codes:");
            foreach (var (code, meaning) in exitCodes.GetValueOrDefault(command, ExitCodes.Default))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {code,-3}  {meaning}");
            }
        }
        else
        {
            text.AppendLine();
        }
        return text.ToString();
    }

    // Rewrites the Commands section's first column and re-aligns the second.
    private static string WithOptionalArguments(string help, Command command)
    {
        var lines = help.Split('\n').ToList();
        var start = lines.FindIndex(l => l.TrimEnd() == "Commands:");
        if (start < 0)
        {
            return help;
        }
        var end = lines.FindIndex(start + 1, l => l.Trim().Length == 0 || !l.StartsWith("  ", StringComparison.Ordinal));
        end = end < 0 ? lines.Count : end;
        var rows = new List<(string Label, string Description)>();
        foreach (var line in lines.Skip(start + 1).Take(end - start - 1))
        {
            var body = line.TrimStart();
            var gap = body.IndexOf("  ", StringComparison.Ordinal);
            var label = gap < 0 ? body : body[..gap];
            var description = gap < 0 ? "" : body[gap..].Trim();
            var name = label.Split(' ')[0];
            if (command.Subcommands.FirstOrDefault(c => c.Name == name) is { } subcommand)
            {
                label = string.Join(' ', subcommand.Arguments.Where(a => !a.Hidden)
                    .Select(a => a.Arity.MinimumNumberOfValues == 0 ? $"[<{a.Name}>]"
                        : a.Arity.MaximumNumberOfValues > 1 ? $"<{a.Name}>..."
                        : $"<{a.Name}>")
                    .Prepend(name));
            }
            rows.Add((label, description));
        }
        var width = rows.Max(r => r.Label.Length);
        lines.RemoveRange(start + 1, end - start - 1);
        lines.InsertRange(start + 1, rows.Select(r => $"  {r.Label.PadRight(width)}  {r.Description}".TrimEnd()));
        return string.Join('\n', lines);
    }
}

using System.Globalization;
using System.Text;

namespace Tern.Footprint.Slurm;

/// <summary>Expands Slurm's compressed host lists: <c>node[01-04,07]</c> is node01 … node04 and node07, <c>a[1-2]-ib,b3</c>
/// is a1-ib, a2-ib and b3, and several bracket groups in one name multiply (<c>r[1-2]n[1-2]</c> is four hosts). A range
/// keeps the zero padding of its first number, as Slurm writes it.</summary>
public static class NodeListExpander
{
    /// <summary>Hosts a list may expand to; more is a typo such as node[1-1000000], not a cluster.</summary>
    public const int MaxHosts = 100_000;

    /// <summary>The hosts of <paramref name="list"/>, in order, without duplicates.</summary>
    /// <exception cref="FormatException">Unbalanced brackets, a range that is not numbers or runs backwards, an empty name.</exception>
    public static IReadOnlyList<string> Expand(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var hosts = new List<string>();
        foreach (var item in SplitTopLevel(list))
        {
            if (item.Length == 0)
            {
                throw new FormatException($"'{list}' has an empty host name (two commas in a row, or a comma at an end).");
            }
            hosts.AddRange(ExpandItem(item, list));
            if (hosts.Count > MaxHosts)
            {
                throw new FormatException($"'{list}' expands to more than {MaxHosts} hosts.");
            }
        }
        return [.. hosts.Distinct(StringComparer.Ordinal)];
    }

    // Commas between bracket groups separate hosts; commas inside a group separate ranges.
    private static List<string> SplitTopLevel(string list)
    {
        var items = new List<string>();
        var depth = 0;
        var current = new StringBuilder();
        foreach (var c in list.Trim())
        {
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (depth is < 0 or > 1)
            {
                throw new FormatException($"'{list}' has unbalanced or nested brackets.");
            }
            if (c == ',' && depth == 0)
            {
                items.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (depth != 0)
        {
            throw new FormatException($"'{list}' has a '[' without its ']'.");
        }
        items.Add(current.ToString().Trim());
        return items;
    }

    private static List<string> ExpandItem(string item, string list)
    {
        var open = item.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return item.Contains(']', StringComparison.Ordinal) ? throw new FormatException($"'{list}' has a ']' without its '['.") : [item];
        }
        var close = item.IndexOf(']', open);
        var prefix = item[..open];
        var rest = ExpandItem(item[(close + 1)..], list);
        var expanded = new List<string>();
        foreach (var number in Numbers(item[(open + 1)..close], list))
        {
            expanded.AddRange(rest.Select(suffix => prefix + number + suffix));
            if (expanded.Count > MaxHosts)
            {
                throw new FormatException($"'{list}' expands to more than {MaxHosts} hosts.");
            }
        }
        return expanded;
    }

    private static IEnumerable<string> Numbers(string ranges, string list)
    {
        foreach (var range in ranges.Split(','))
        {
            var parts = range.Trim().Split('-');
            if (parts.Length is < 1 or > 2 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
            {
                throw new FormatException($"'{list}': '{range}' is not a number or a range such as 01-04.");
            }
            var first = long.Parse(parts[0], CultureInfo.InvariantCulture);
            var last = long.Parse(parts[^1], CultureInfo.InvariantCulture);
            if (last < first)
            {
                throw new FormatException($"'{list}': the range {range} runs backwards.");
            }
            if (last - first > MaxHosts)
            {
                throw new FormatException($"'{list}' expands to more than {MaxHosts} hosts.");
            }
            var width = parts[0].Length;
            for (var n = first; n <= last; n++)
            {
                yield return n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            }
        }
    }
}

using System.Text.Json.Nodes;
using Tern.Sandbox.Http;

namespace Tern.Sandbox.Selectors;

/// <summary>A label selector as list and watch take it: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>,
/// <c>a notin (x)</c>, <c>a</c> (exists) and <c>!a</c> (does not exist), all of which must hold.</summary>
internal sealed class LabelSelector
{
    private readonly List<Func<JsonObject?, bool>> _requirements;

    private LabelSelector(List<Func<JsonObject?, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Parse(string? text)
    {
        var requirements = new List<Func<JsonObject?, bool>>();
        foreach (var term in SplitTerms(text ?? ""))
        {
            requirements.Add(Requirement(term.Trim()));
        }
        return new LabelSelector(requirements);
    }

    public bool Matches(JsonObject value)
    {
        var labels = value["metadata"]?["labels"] as JsonObject;
        return _requirements.All(r => r(labels));
    }

    private static Func<JsonObject?, bool> Requirement(string term)
    {
        static string? Label(JsonObject? labels, string key) => labels?[key]?.GetValue<string>();
        var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= 2 && words[1] is "in" or "notin")
        {
            var key = words[0];
            var values = string.Join(' ',
                words[2..]).Trim().TrimStart('(').TrimEnd(')').Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
            return words[1] == "in"
                ? labels => Label(labels, key) is { } v && values.Contains(v)
                : labels => Label(labels, key) is not { } v || !values.Contains(v);
        }
        foreach (var (op, equal) in new[] { ("!=", false), ("==", true), ("=", true) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = term[..at].Trim();
                var value = term[(at + op.Length)..].Trim();
                return equal ? labels => Label(labels, key) == value : labels => Label(labels, key) != value;
            }
        }
        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return labels => labels?.ContainsKey(key) != true;
        }
        if (term.Length == 0 || term.Any(char.IsWhiteSpace))
        {
            throw new StatusException(400, "BadRequest",
                $"unable to parse requirement: found '{term}', expected: key, !key, key=value, key!=value, key in (...) or key notin (...)");
        }
        return labels => labels?.ContainsKey(term) == true;
    }

    /// <summary>Splits on the commas outside parentheses.</summary>
    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        if (text[start..].Trim().Length > 0)
        {
            yield return text[start..];
        }
    }
}

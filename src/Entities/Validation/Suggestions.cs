namespace Tern.Entities.Validation;

/// <summary>"Did you mean …?" hints for misspelt names, by edit distance.</summary>
public static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="value"/>, or null when none is close enough to be a likely typo.</summary>
    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // "memory" for "memoryMiB": a field name typed without its unit is a prefix, not a typo; the same name in
            // another case is closer still.
            var distance = string.Equals(value, candidate, StringComparison.OrdinalIgnoreCase) ? 0
                : value.Length >= 3 && candidate.StartsWith(value, StringComparison.OrdinalIgnoreCase)
                ? 1
                : Distance(value.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        // A third of the length keeps "us-east1" → "us-east-1" and "arm" → "arm64" but not unrelated words.
        return bestDistance < value.Length && bestDistance <= Math.Max(1, value.Length / 3) ? best : null;
    }

    /// <summary>" Did you mean 'x'?" or an empty string.</summary>
    public static string DidYouMean(string value, IEnumerable<string> candidates) =>
        Closest(value, candidates) is { } best ? $" Did you mean '{best}'?" : "";

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

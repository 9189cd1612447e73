using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Tern.Sandbox;

/// <summary>`limit` and `continue` on lists. The continue token holds the last key served, so a page starts
/// after it in the list's (namespace, name) order. Unlike a real API server, later pages are read from the
/// current state rather than from the first page's snapshot.</summary>
internal static class ListPaging
{
    public static (IReadOnlyList<JsonObject> Items, string? Continue) Page(IReadOnlyList<JsonObject> items, string? limit, string? continueToken)
    {
        var remaining = items.AsEnumerable();
        if (!string.IsNullOrEmpty(continueToken))
        {
            var after = Decode(continueToken);
            remaining = remaining.Where(i => string.CompareOrdinal(Key(i), after) > 0);
        }
        var rest = remaining.ToList();
        if (!int.TryParse(limit, CultureInfo.InvariantCulture, out var size) || size <= 0 || rest.Count <= size)
        {
            return (rest, null);
        }
        var page = rest.Take(size).ToList();
        return (page, Convert.ToBase64String(Encoding.UTF8.GetBytes(Key(page[^1]))));
    }

    // The store orders by namespace, then name; "\u0001" sorts below every character a name may hold.
    private static string Key(JsonObject item) =>
        $"{item["metadata"]?["namespace"]?.GetValue<string>()}\u0001{item["metadata"]?["name"]?.GetValue<string>()}";

    private static string Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw new StatusException(400, "BadRequest", "the continue token is not one this server issued; list again without it");
        }
    }
}

using System.Text.RegularExpressions;

namespace Tern.Carbon.Http;

/// <summary>Takes credentials out of text before it can reach a log line, a status message or an event: every secret
/// a refresh read or received (tokens, passwords, a login's bearer token) is replaced wherever it appears, and so is
/// the value of any field named like a credential, for the secrets Tern never saw (a body that echoes another key).
/// Thread-safe: zones are fetched concurrently and a login adds its token while others read.</summary>
internal sealed partial class Redactor
{
    public const string Mask = "***";

    private readonly Lock _gate = new();
    private string[] _secrets = [];

    /// <summary>Redacts <paramref name="secret"/> from now on; null and empty values are ignored.</summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }
        lock (_gate)
        {
            // Longest first, so a secret that contains another is replaced whole.
            _secrets = [.. _secrets.Append(secret).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
        }
    }

    /// <summary><paramref name="text"/> with every known secret and every credential-named field's value masked.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in Volatile.Read(ref _secrets))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return CredentialField().Replace(text, m => $"{m.Groups["name"].Value}{Mask}");
    }

    // "token": "…", token=…, Authorization: Bearer …: the name and its separator stay, the value goes.
    [GeneratedRegex("""
        (?<name>["']?(?:[a-z_-]*token|password|passwd|secret|api[_-]?key|authorization)["']?\s*[:=]\s*(?:bearer\s+|basic\s+)?)
        (?:"[^"]*"|'[^']*'|[^\s,;&}"']+)
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex CredentialField();
}

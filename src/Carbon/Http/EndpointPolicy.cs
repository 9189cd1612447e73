using System.Net;

namespace Tern.Carbon.Http;

/// <summary>Which endpoints a carbon refresh may contact. Whoever writes a CarbonSource chooses its endpoint, but the
/// operator's own configuration decides where its tokens may go: a provider's default host always, any other host only
/// when the operator allows it (<c>tern run --allow-carbon-endpoint</c>), and only over https, except on loopback (tests,
/// a sidecar) and for an origin allowed explicitly as <c>http://host:port</c> (an in-cluster Prometheus without TLS),
/// which is never sent a credential.</summary>
public sealed class EndpointPolicy
{
    /// <summary>The flag that allows an endpoint, for messages.</summary>
    public const string Flag = "--allow-carbon-endpoint";

    private readonly IReadOnlyList<Allowed> _allowed;

    private EndpointPolicy(IReadOnlyList<Allowed> allowed, IReadOnlyList<string> entries)
    {
        _allowed = allowed;
        Entries = entries;
    }

    /// <summary>Only the providers' default hosts.</summary>
    public static EndpointPolicy DefaultHostsOnly { get; } = new([], []);

    /// <summary>The entries as given.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>Reads <see cref="Flag"/> values: <c>HOST</c> or <c>HOST:PORT</c> allows https to that host (any port, or
    /// that one); <c>https://HOST[:PORT]</c> the same for one port; <c>http://HOST:PORT</c> also allows plain http to
    /// exactly that origin.</summary>
    /// <exception cref="FormatException">An entry is none of these; the message names it and the accepted forms.</exception>
    public static EndpointPolicy Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var given = entries.Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
        return new EndpointPolicy([.. given.Select(ParseEntry)], given);
    }

    /// <summary>Throws when the refresh may not contact <paramref name="endpoint"/>.</summary>
    /// <param name="field">The spec field that named it, for the message.</param>
    /// <param name="defaultEndpoint">The provider's default endpoint, whose host is always allowed; null when there is none.</param>
    /// <param name="sendsCredentials">True when requests carry a token or password.</param>
    internal void Check(string field, string endpoint, string? defaultEndpoint, bool sendsCredentials)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Refused($"{field} '{endpoint}' is not an https URL.", CarbonFailure.InvalidConfiguration);
        }
        if (uri.UserInfo.Length > 0)
        {
            // The URL would be printed in messages; credentials belong in the Secret.
            throw Refused($"{field} carries a user name or password in the URL; remove it and name a Secret for the credentials instead.",
                CarbonFailure.InvalidConfiguration);
        }
        var host = uri.IdnHost.ToLowerInvariant();
        var isDefault = defaultEndpoint is not null && Uri.TryCreate(defaultEndpoint, UriKind.Absolute, out var standard)
                        && string.Equals(standard.IdnHost, host, StringComparison.OrdinalIgnoreCase);
        var match = _allowed.FirstOrDefault(a => a.Matches(host, uri.Port));
        var origin = uri.GetLeftPart(UriPartial.Authority);
        if (!isDefault && match is null)
        {
            var usual = defaultEndpoint is not null && Uri.TryCreate(defaultEndpoint, UriKind.Absolute, out var d)
                ? $"only the provider's own host ({d.IdnHost})"
                : "no server of this provider";
            throw Refused($"{field}: the host {host} is not allowed. Tern contacts {usual} unless the operator allows another: start Tern with "
                + $"{Flag} {host} (Helm value carbon.allowedEndpoints), or use the default endpoint.", CarbonFailure.EndpointNotAllowed);
        }
        if (uri.Scheme == Uri.UriSchemeHttps || IsLoopback(host))
        {
            return;
        }
        if (match is not { PlainHttp: true })
        {
            throw Refused($"{field} '{origin}' uses plain http, which Tern allows only on loopback: use https. For a server in the cluster "
                + $"without TLS, the operator can allow that origin with {Flag} {origin}.", CarbonFailure.EndpointNotAllowed);
        }
        if (sendsCredentials)
        {
            throw Refused($"{field} '{origin}' uses plain http, which would send the token in clear text; use https, or remove the Secret reference.",
                CarbonFailure.EndpointNotAllowed);
        }
    }

    private static CarbonProviderException Refused(string message, CarbonFailure failure) => new(message, failure);

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static Allowed ParseEntry(string entry)
    {
        var explicitScheme = entry.Contains("://", StringComparison.Ordinal);
        if (!Uri.TryCreate(explicitScheme ? entry : $"https://{entry}", UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0
            || entry.Contains('*', StringComparison.Ordinal))
        {
            throw new FormatException($"{Flag} '{entry}' is not a host: give a host name or address such as api.electricitymaps.com or "
                + "10.0.0.7:8443, or http://prometheus.monitoring:9090 to allow plain http to one server in the cluster.");
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !HasExplicitPort(entry, uri))
        {
            throw new FormatException($"{Flag} '{entry}' allows plain http, so it must name the port too, for example "
                + $"{uri.Scheme}://{uri.Host}:9090.");
        }
        int? port = explicitScheme || HasExplicitPort(entry, uri) ? uri.Port : null;
        return new Allowed(uri.IdnHost.ToLowerInvariant(), port, uri.Scheme == Uri.UriSchemeHttp);
    }

    private static bool HasExplicitPort(string entry, Uri uri) =>
        !uri.IsDefaultPort || entry.EndsWith($":{uri.Port}", StringComparison.Ordinal) || entry.Contains($":{uri.Port}/", StringComparison.Ordinal);

    /// <summary>One allowed host: any port when <paramref name="Port"/> is null; plain http too when <paramref name="PlainHttp"/>.</summary>
    private sealed record Allowed(string Host, int? Port, bool PlainHttp)
    {
        public bool Matches(string host, int port) => Host == host && (Port is null || Port == port);
    }
}

using System.Net.Http.Headers;
using System.Text.Json;

namespace Tern.Aws.Registry;

/// <summary>Answers a registry's Bearer challenge (realm, service, scope) with a token from its token server, as
/// the distribution spec's token authentication describes.</summary>
internal static class RegistryTokens
{
    public static async Task<AuthenticationHeaderValue> FetchAsync(HttpClient http, AuthenticationHeaderValue challenge, string repository,
        RegistryCredentials? credentials, CancellationToken ct)
    {
        var parameters = Parse(challenge.Parameter ?? "");
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new RegistryException($"The registry asked for a Bearer token without a usable realm ('{challenge.Parameter}').");
        }
        var query = new List<string>();
        if (parameters.TryGetValue("service", out var service))
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }
        query.Add("scope=" + Uri.EscapeDataString(parameters.TryGetValue("scope", out var scope) ? scope : $"repository:{repository}:pull,push"));
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri($"{realmUri}{(realmUri.Query.Length == 0 ? "?" : "&")}{string.Join('&', query)}"));
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
        }
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var server = realmUri.GetLeftPart(UriPartial.Path);
            throw new RegistryException($"The registry's token server {server} refused a token (HTTP {(int)response.StatusCode}); " +
                                        "check the registry credentials.");
        }
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false));
        var token = document.RootElement.TryGetProperty("token", out var t) ? t.GetString()
            : document.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
        return new AuthenticationHeaderValue("Bearer", token ?? throw new RegistryException("The registry's token server answered without a token."));
    }

    /// <summary>Splits key="value", pairs; values may contain commas inside quotes.</summary>
    internal static Dictionary<string, string> Parse(string parameter)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < parameter.Length)
        {
            var equals = parameter.IndexOf('=', i);
            if (equals < 0)
            {
                break;
            }
            var key = parameter[i..equals].Trim(' ', ',');
            string value;
            if (equals + 1 < parameter.Length && parameter[equals + 1] == '"')
            {
                var close = parameter.IndexOf('"', equals + 2);
                close = close < 0 ? parameter.Length : close;
                value = parameter[(equals + 2)..close];
                i = close + 1;
            }
            else
            {
                var comma = parameter.IndexOf(',', equals);
                comma = comma < 0 ? parameter.Length : comma;
                value = parameter[(equals + 1)..comma];
                i = comma + 1;
            }
            values[key] = value;
        }
        return values;
    }
}

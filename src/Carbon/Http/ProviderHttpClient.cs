namespace Tern.Carbon.Http;

/// <summary>The <see cref="HttpClient"/> carbon refreshes go through. It follows no redirect: a redirect would carry
/// a provider's token (Electricity Maps sends it in a custom header, which .NET keeps across redirects) to a host
/// the operator never allowed. Timeouts are per attempt (<see cref="ProviderRequestOptions.RequestTimeout"/>) and
/// per refresh, so the client's own is off.</summary>
public static class ProviderHttpClient
{
    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        // DNS changes (a provider moving) are picked up without a restart.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}

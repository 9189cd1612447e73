using Microsoft.Extensions.Logging;

namespace Tern.Carbon.Http;

/// <summary>What every provider client of one refresh shares: the HTTP client, its limits, the clock, the log and
/// the redactor that knows the refresh's secrets.</summary>
internal sealed record ProviderContext(HttpClient Http, ProviderRequestOptions Requests, TimeProvider Time, ILogger Logger, Redactor Redactor);

using System.Net;

namespace Tern.Carbon.Prometheus.Client;

/// <summary>A failed Prometheus query, with the HTTP status code when the server answered.</summary>
internal sealed class PrometheusClientException : CarbonProviderException
{
    public PrometheusClientException()
    {
    }

    public PrometheusClientException(string message) : base(message)
    {
    }

    public PrometheusClientException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public PrometheusClientException(string message, CarbonFailure failure, HttpStatusCode? statusCode, Exception? innerException)
        : base(message, failure, statusCode, innerException)
    {
    }
}

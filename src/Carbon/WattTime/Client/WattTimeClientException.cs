using System.Net;

namespace Tern.Carbon.WattTime.Client;

/// <summary>A failed WattTime call, with the HTTP status code when the server answered.</summary>
internal sealed class WattTimeClientException : CarbonProviderException
{
    public WattTimeClientException()
    {
    }

    public WattTimeClientException(string message) : base(message)
    {
    }

    public WattTimeClientException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public WattTimeClientException(string message, CarbonFailure failure, HttpStatusCode? statusCode, Exception? innerException)
        : base(message, failure, statusCode, innerException)
    {
    }
}

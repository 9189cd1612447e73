using System.Net;

namespace Tern.Carbon.ElectricityMaps.Client;

/// <summary>A failed Electricity Maps call, with the HTTP status code when the server answered.</summary>
internal sealed class ElectricityMapsClientException : CarbonProviderException
{
    public ElectricityMapsClientException()
    {
    }

    public ElectricityMapsClientException(string message) : base(message)
    {
    }

    public ElectricityMapsClientException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ElectricityMapsClientException(string message, CarbonFailure failure, HttpStatusCode? statusCode, Exception? innerException)
        : base(message, failure, statusCode, innerException)
    {
    }
}

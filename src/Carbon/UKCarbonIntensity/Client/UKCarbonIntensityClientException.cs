using System.Net;

namespace Tern.Carbon.UKCarbonIntensity.Client;

/// <summary>A failed UK Carbon Intensity call, with the HTTP status code when the server answered.</summary>
internal sealed class UKCarbonIntensityClientException : CarbonProviderException
{
    public UKCarbonIntensityClientException()
    {
    }

    public UKCarbonIntensityClientException(string message) : base(message)
    {
    }

    public UKCarbonIntensityClientException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public UKCarbonIntensityClientException(string message, CarbonFailure failure, HttpStatusCode? statusCode, Exception? innerException)
        : base(message, failure, statusCode, innerException)
    {
    }
}

using System.Net;

namespace Tern.Carbon;

/// <summary>A provider call that failed. Each provider's client throws its own subclass, so a log line says
/// which API failed; the status code and the <see cref="CarbonFailure"/> decide retries and the condition reason.</summary>
internal class CarbonProviderException : Exception
{
    public CarbonProviderException()
    {
    }

    public CarbonProviderException(string message) : base(message)
    {
    }

    public CarbonProviderException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public CarbonProviderException(string message, CarbonFailure failure, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
    }

    /// <summary>What kind of failure, which becomes the Ready condition's reason.</summary>
    public CarbonFailure Failure { get; } = CarbonFailure.InvalidResponse;

    /// <summary>The HTTP status code, when the server answered.</summary>
    public HttpStatusCode? StatusCode { get; }
}

/// <summary>Kinds of provider failure; the names are condition reasons.</summary>
internal enum CarbonFailure
{
    /// <summary>401 or 403: the token or password is missing, wrong or not allowed this data. Never retried.</summary>
    Unauthorized,
    /// <summary>404: the zone or path does not exist for this provider.</summary>
    NotFound,
    /// <summary>Another 4xx: the request was wrong.</summary>
    BadRequest,
    /// <summary>429 after every retry.</summary>
    RateLimited,
    /// <summary>5xx after every retry.</summary>
    ProviderUnavailable,
    /// <summary>No answer within the per-request timeout, after every retry.</summary>
    Timeout,
    /// <summary>The connection failed or broke off, after every retry.</summary>
    NetworkError,
    /// <summary>The body was not the JSON the provider documents (HTML, truncated, malformed, wrong shape).</summary>
    InvalidResponse,
    /// <summary>The body was larger than <see cref="Http.ProviderRequestOptions.MaxBodyBytes"/>. Never retried.</summary>
    ResponseTooLarge,
    /// <summary>The CarbonSource's settings or Secrets cannot be used.</summary>
    InvalidConfiguration,
    /// <summary>The endpoint is not one the operator allows (another host, or plain http); nothing was sent.</summary>
    EndpointNotAllowed,
    /// <summary>The Secret exists but is not labelled for Tern, so it was not used.</summary>
    SecretNotLabelled,
}

using System.Net;

namespace Tern.Aws.Http;

/// <summary>A failed AWS or registry call. Each service has its own subtype; all carry the failure kind, the AWS error
/// code and message and the HTTP status, so a caller can decide (retry later, report as terminal) without parsing
/// text. Messages never contain credentials or tokens.</summary>
public abstract class AwsServiceException : Exception
{
    protected AwsServiceException()
    {
    }

    protected AwsServiceException(string message) : base(message)
    {
    }

    protected AwsServiceException(string message, Exception innerException) : base(message, innerException)
    {
    }

    protected AwsServiceException(string message, AwsFailure failure, Exception? innerException) : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>The facts of the failure; null only for exceptions made through the bare constructors.</summary>
    public AwsFailure? Failure { get; }

    /// <summary>The failure kind (Invalid when unknown).</summary>
    public AwsFailureKind Kind => Failure?.Kind ?? AwsFailureKind.Invalid;

    /// <summary>The AWS error code, e.g. ThrottlingException.</summary>
    public string? ErrorCode => Failure?.ErrorCode;

    /// <summary>The service's own message.</summary>
    public string? ServiceMessage => Failure?.ServiceMessage;

    /// <summary>The HTTP status, when the service answered.</summary>
    public HttpStatusCode? StatusCode => Failure?.StatusCode;

    /// <summary>True when the request must change before it can succeed.</summary>
    public bool IsTerminal => Kind.IsTerminal();
}

/// <summary>Builds a service's own exception type from a message and the failure's facts.</summary>
internal delegate AwsServiceException AwsExceptionFactory(string message, AwsFailure failure, Exception? innerException);

using System.Net;

namespace Tern.Aws.Http;

/// <summary>Maps an AWS error code and HTTP status to a failure kind, and decides which failures are worth another
/// attempt within the same call.</summary>
internal static class AwsErrorClassifier
{
    /// <summary>The SDKs' throttling codes; HTTP 429 counts as throttling too.</summary>
    public static readonly IReadOnlySet<string> ThrottlingCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
    };

    private static readonly HashSet<string> AccessDeniedCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException",
        "SignatureDoesNotMatch", "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "MissingAuthenticationToken",
        "IncompleteSignature", "IncompleteSignatureException", "InvalidAccessKeyId", "AuthFailure", "KMSAccessDeniedException",
    };

    private static readonly HashSet<string> NotFoundCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ResourceNotFoundException", "RepositoryNotFoundException", "ImageNotFoundException", "NoSuchEntity",
        "LayersNotFoundException", "TableNotFoundException",
    };

    private static readonly HashSet<string> ConflictCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ResourceConflictException", "ResourceInUseException", "RepositoryAlreadyExistsException", "ImageAlreadyExistsException",
        "ConditionalCheckFailedException", "PreconditionFailedException", "TransactionConflictException",
    };

    private static readonly HashSet<string> ServerCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ServiceException", "ServerException", "InternalFailure", "InternalServerError", "ServiceUnavailable",
        "ServiceUnavailableException", "InternalError", "ResourceNotReadyException",
    };

    public static AwsFailureKind Classify(string? code, HttpStatusCode status)
    {
        if (code is not null)
        {
            if (ThrottlingCodes.Contains(code))
            {
                return AwsFailureKind.Throttled;
            }
            if (AccessDeniedCodes.Contains(code))
            {
                return AwsFailureKind.AccessDenied;
            }
            if (NotFoundCodes.Contains(code))
            {
                return AwsFailureKind.NotFound;
            }
            if (ConflictCodes.Contains(code))
            {
                return AwsFailureKind.Conflict;
            }
            if (ServerCodes.Contains(code))
            {
                return AwsFailureKind.ServerError;
            }
        }
        return (int)status switch
        {
            429 => AwsFailureKind.Throttled,
            401 or 403 => AwsFailureKind.AccessDenied,
            404 => AwsFailureKind.NotFound,
            409 or 412 => AwsFailureKind.Conflict,
            >= 500 => AwsFailureKind.ServerError,
            _ => AwsFailureKind.Invalid,
        };
    }

    /// <summary>Lambda answers ResourceConflictException both for "already exists" (final) and for "an update is in
    /// progress" (over in seconds); only the second is worth waiting for.</summary>
    public static bool IsUpdateInProgress(string? code, string? message) =>
        code == "ResourceConflictException" && message is not null &&
        message.Contains("in progress", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether another attempt may succeed. Calls that are not idempotent (Invoke) retry only throttling,
    /// which Lambda answers before running anything.</summary>
    public static bool IsRetryable(AwsFailureKind kind, string? code, string? message, bool idempotent) => kind switch
    {
        AwsFailureKind.Throttled => true,
        AwsFailureKind.ServerError or AwsFailureKind.Network or AwsFailureKind.Timeout => idempotent,
        AwsFailureKind.Conflict => idempotent && IsUpdateInProgress(code, message),
        _ => false,
    };
}

using System.Net;

namespace Tern.Aws.Http;

/// <summary>The facts of one failed call: which operation, where, and what the service said.</summary>
/// <param name="Kind">What kind of failure it was.</param>
/// <param name="Service">The service name (lambda, ecr, registry, dynamodb).</param>
/// <param name="Operation">The operation, e.g. CreateFunction.</param>
/// <param name="Region">The region the call went to.</param>
/// <param name="ErrorCode">The service's error code, e.g. AccessDeniedException; null when no answer came.</param>
/// <param name="ServiceMessage">The service's own message, if it sent one.</param>
/// <param name="StatusCode">The HTTP status, when the service answered.</param>
/// <param name="Attempts">How many attempts were made.</param>
public sealed record AwsFailure(
    AwsFailureKind Kind,
    string Service,
    string Operation,
    string Region,
    string? ErrorCode,
    string? ServiceMessage,
    HttpStatusCode? StatusCode,
    int Attempts);

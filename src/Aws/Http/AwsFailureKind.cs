namespace Tern.Aws.Http;

/// <summary>What kind of failure an AWS or registry call ended in; it decides whether trying again can help.</summary>
public enum AwsFailureKind
{
    /// <summary>The service asked the caller to slow down (a throttling code or HTTP 429).</summary>
    Throttled,

    /// <summary>The credentials are missing, wrong, expired or not allowed the action.</summary>
    AccessDenied,

    /// <summary>The resource (function, repository, image, table, role) does not exist.</summary>
    NotFound,

    /// <summary>The resource exists already, is being changed, or a condition on its version failed.</summary>
    Conflict,

    /// <summary>The request was refused as invalid: a value must change before it can succeed.</summary>
    Invalid,

    /// <summary>The service failed (HTTP 5xx).</summary>
    ServerError,

    /// <summary>The connection failed or broke off before an answer came.</summary>
    Network,

    /// <summary>No answer came within the attempt's time limit.</summary>
    Timeout,

    /// <summary>The service answered with something this client does not understand.</summary>
    InvalidResponse,
}

/// <summary>How failure kinds are treated.</summary>
public static class AwsFailureKinds
{
    /// <summary>True when the request itself must change (fix the spec, the role, the policy or the image) before
    /// another attempt can succeed; the operator reports these as terminal instead of requeueing fast.</summary>
    public static bool IsTerminal(this AwsFailureKind kind) =>
        kind is AwsFailureKind.AccessDenied or AwsFailureKind.Invalid or AwsFailureKind.NotFound;
}

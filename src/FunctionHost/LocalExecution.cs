namespace Tern.FunctionHost;

/// <summary>An execution the host has seen finish (or a copy that failed to start): for `tern dev`'s output and tests.</summary>
/// <param name="LambdaName">The copy's Lambda name.</param>
/// <param name="Region">The copy's region.</param>
/// <param name="RequestId">Lambda's request id; null for an init error.</param>
/// <param name="Response">The response body, or the error body.</param>
/// <param name="ErrorType">The error type posted with /error or /init/error; null on success.</param>
/// <param name="Kind">How it ended.</param>
public sealed record LocalExecution(string LambdaName, string Region, string? RequestId, string Response, string? ErrorType, ExecutionEnd Kind);

/// <summary>How an execution ended.</summary>
public enum ExecutionEnd
{
    Succeeded,
    Failed,
    InitFailed,
}

namespace Tern.Functions.Runtime;

/// <summary>One event from the Lambda Runtime API's /next, with its documented headers.</summary>
/// <param name="RequestId">Lambda-Runtime-Aws-Request-Id.</param>
/// <param name="Deadline">Lambda-Runtime-Deadline-Ms: when Lambda stops the execution.</param>
/// <param name="InvokedFunctionArn">Lambda-Runtime-Invoked-Function-Arn.</param>
/// <param name="TraceId">Lambda-Runtime-Trace-Id (X-Ray), or null.</param>
/// <param name="ClientContext">Lambda-Runtime-Client-Context (mobile SDK callers), or null.</param>
/// <param name="CognitoIdentity">Lambda-Runtime-Cognito-Identity, or null.</param>
/// <param name="Body">The event.</param>
internal sealed record RuntimeInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    string InvokedFunctionArn,
    string? TraceId,
    string? ClientContext,
    string? CognitoIdentity,
    byte[] Body);

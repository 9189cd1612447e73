using Microsoft.Extensions.Logging;

namespace Tern.Operator.Platform.Aws;

/// <summary>The AWS platform's log messages. Their values come from AWS error messages and names, never from
/// credentials or tokens.</summary>
internal static partial class AwsPlatformLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Copy {Function} of {Workflow} in {Region} failed: {Reason}")]
    public static partial void CopyFailed(ILogger logger, WorkflowId workflow, string function, string region, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Not deleting Lambda function {Name} in {Region}: its tags do not name {Workflow} as its owner")]
    public static partial void NotOwned(ILogger logger, string name, string region, WorkflowId workflow);

    [LoggerMessage(Level = LogLevel.Information, Message = "Placement of {Workflow} published as version {Version}")]
    public static partial void Published(ILogger logger, WorkflowId workflow, long version);
}

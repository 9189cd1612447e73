using Microsoft.Extensions.Logging;

namespace Tern.Operator.Runtime;

/// <summary>The runtime's log messages, source-generated so that disabled levels cost nothing.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} watch failed ({Failures} in a row): {Reason}; reconnecting in {Delay}")]
    public static partial void WatchFailed(this ILogger logger, string kind, int failures, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} {Key} vanished while the watch was down; treated as deleted")]
    public static partial void Vanished(this ILogger logger, string kind, ResourceKey key);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} watch expired at resourceVersion {ResourceVersion}; listing again")]
    public static partial void WatchExpired(this ILogger logger, string kind, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} watch idle for {Idle}; reconnecting")]
    public static partial void WatchIdle(this ILogger logger, string kind, TimeSpan idle);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {Key} skipped: {Problem}")]
    public static partial void Undecodable(this ILogger logger, string kind, ResourceKey key, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciling {Kind} {Key} failed ({Failures} in a row); retrying in {Delay}")]
    public static partial void ReconcileFailed(this ILogger logger, Exception error, string kind, ResourceKey key, int failures, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {Kind} {Key} failed ({Failures} in a row): {Reason}; retrying in {Delay}")]
    public static partial void ReconcileUnavailable(this ILogger logger, string kind, ResourceKey key, int failures, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {Kind} {Key} took longer than {Timeout} and was stopped; retrying in {Delay}")]
    public static partial void ReconcileTimedOut(this ILogger logger, string kind, ResourceKey key, TimeSpan timeout, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciling {Kind} {Key} was stopped: this instance is shutting down or no longer leads")]
    public static partial void ReconcileStopped(this ILogger logger, string kind, ResourceKey key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {Kind} {Key} failed for good: {Reason}; waiting for a change")]
    public static partial void ReconcileTerminal(this ILogger logger, string kind, ResourceKey key, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leader election: {Identity} {Event} lease {Namespace}/{Lease}")]
    public static partial void Leadership(this ILogger logger, string identity, string @event, string @namespace, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader election: {Identity} could not reach lease {Namespace}/{Lease}: {Reason}")]
    public static partial void LeaseUnreachable(this ILogger logger, string identity, string @namespace, string lease, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record event {Reason} on {Key}: {Problem}")]
    public static partial void EventFailed(this ILogger logger, string reason, ResourceKey key, string problem);
}

using Microsoft.Extensions.Logging;

namespace Tern.Carbon;

/// <summary>The carbon providers' log messages. Bodies go to Debug only, truncated and redacted; no message carries a
/// token, a password or a request header.</summary>
internal static partial class CarbonLog
{
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "{Provider} GET {Path} answered HTTP {Status}; body (redacted, at most {Limit} characters): {Body}")]
    public static partial void Body(ILogger logger, string provider, string path, int status, int limit, string body);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "{Provider} GET {Path} answered HTTP {Status} with a redirect to {Location}, which is not followed")]
    public static partial void Redirect(ILogger logger, string provider, string path, int status, string location);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Provider} GET {Path}: attempt {Attempt} failed ({Failure}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string provider, string path, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Provider}: {Detail}")]
    public static partial void Detail(ILogger logger, string provider, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "CarbonSource {Source}: {Reason}: {Message}")]
    public static partial void Refreshed(ILogger logger, string source, string reason, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CarbonSource {Source}: refresh failed ({Reason}): {Message}")]
    public static partial void RefreshFailed(ILogger logger, string source, string reason, string message);
}

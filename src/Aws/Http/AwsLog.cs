using Microsoft.Extensions.Logging;

namespace Tern.Aws.Http;

/// <summary>The library's log messages. None carries a credential, token or request header.</summary>
internal static partial class AwsLog
{
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "{Service} {Operation} in {Region}: attempt {Attempt} ended {Outcome} ({Code}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string service, string operation, string region, int attempt, string outcome, string? code,
        TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Image {Source} copied to {Target}: {Blobs} blob(s) and {Manifests} manifest(s) transferred")]
    public static partial void ImageCopied(ILogger logger, string source, string target, int blobs, int manifests);

    [LoggerMessage(Level = LogLevel.Information, Message = "Function {Function} in {Region}: {Action}")]
    public static partial void FunctionChanged(ILogger logger, string function, string region, string action);
}

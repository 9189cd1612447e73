using Microsoft.Extensions.Logging;
using Tern.Operator.Runtime;

namespace Tern.Operator.Controllers;

/// <summary>The controllers' log messages, source-generated so that disabled levels cost nothing.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Planning {Key} failed unexpectedly")]
    public static partial void PlanningCrashed(this ILogger logger, Exception error, ResourceKey key);
}

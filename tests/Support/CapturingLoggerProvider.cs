using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tern.Tests.Support;

/// <summary>Keeps every log line at every level, with its exception, so a test can search what was logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    /// <summary>"Level Category: message", then the exception's text when there is one.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>A logger that writes to <see cref="Lines"/> without a factory.</summary>
    public ILogger CreateLogger() => CreateLogger("test");

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            owner.Lines.Enqueue(exception is null ? line : $"{line}\n{exception}");
        }
    }
}

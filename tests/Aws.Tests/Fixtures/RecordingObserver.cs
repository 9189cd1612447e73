using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Tern.Aws.Http;

namespace Tern.Aws.Tests.Fixtures;

/// <summary>Keeps every attempt the clients report.</summary>
internal sealed class RecordingObserver : IAwsCallObserver
{
    private readonly ConcurrentQueue<AwsAttempt> _attempts = new();

    public IReadOnlyList<AwsAttempt> Attempts => [.. _attempts];

    public void OnAttempt(AwsAttempt attempt) => _attempts.Enqueue(attempt);

    public int Count(string operation, string? outcome = null) =>
        _attempts.Count(a => a.Operation == operation && (outcome is null || a.Outcome == outcome));
}

/// <summary>Keeps every formatted log line, to check what reaches logs.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}

using System.Globalization;

namespace Tern.FunctionHost;

/// <summary>Runs a workflow's functions on one machine the way Lambda runs them: each copy (function × region) behind its
/// own loopback Lambda Runtime API, and one loopback Invoke endpoint that serves every region, which the functions reach
/// through AWS_ENDPOINT_URL_LAMBDA. DynamoDB (placements, records, joins) is whatever the copies' environment names,
/// moto in `tern dev` and the tests. Disposing stops every function and server it started.</summary>
public sealed class LocalFunctionHost : IAsyncDisposable
{
    /// <summary>The account in the ARNs the host hands out; it answers for any account.</summary>
    public const string AccountId = "000000000000";

    private readonly List<RuntimeApiServer> _servers = [];
    private readonly List<IAsyncDisposable> _running = [];
    private readonly List<LocalExecution> _executions = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private InvokeEndpoint? _invoke;

    private LocalFunctionHost(TimeProvider clock)
    {
        _clock = clock;
    }

    /// <summary>The URL to give as AWS_ENDPOINT_URL_LAMBDA.</summary>
    public Uri InvokeEndpointUrl => _invoke?.BaseUri ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Told about every finished execution and failed start.</summary>
    public event Action<LocalExecution>? Finished;

    /// <summary>Events queued or running in any copy.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _servers.Sum(s => s.InFlight);
            }
        }
    }

    /// <summary>Every execution finished so far, oldest first.</summary>
    public IReadOnlyList<LocalExecution> Executions
    {
        get
        {
            lock (_gate)
            {
                return [.. _executions];
            }
        }
    }

    public static string Arn(string region, string lambdaName) => $"arn:aws:lambda:{region}:{AccountId}:function:{lambdaName}";

    /// <summary>Starts the Invoke endpoint, a Runtime API per copy, and each copy's code.</summary>
    /// <exception cref="ArgumentException">Two copies share a Lambda name in one region.</exception>
    public static async Task<LocalFunctionHost> StartAsync(IReadOnlyList<LocalCopy> copies, TimeProvider? clock = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(copies);
        var duplicate = copies.GroupBy(c => (c.Region, c.LambdaName)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two copies are named {duplicate.Key.LambdaName} in {duplicate.Key.Region}; give each its own name.",
                nameof(copies));
        }
        var host = new LocalFunctionHost(clock ?? TimeProvider.System);
        try
        {
            host._invoke = new InvokeEndpoint(host.Find);
            await host._invoke.StartAsync().ConfigureAwait(false);
            foreach (var copy in copies)
            {
                var server = new RuntimeApiServer(copy, host._clock, host.OnFinished);
                await server.StartAsync().ConfigureAwait(false);
                lock (host._gate)
                {
                    host._servers.Add(server);
                }
                host._running.Add(await copy.Launcher.StartAsync(host.EnvironmentOf(copy, server), ct).ConfigureAwait(false));
            }
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until <paramref name="predicate"/> holds for the executions so far.</summary>
    /// <exception cref="TimeoutException">It did not within <paramref name="timeout"/>; the message lists what finished.</exception>
    public async Task<IReadOnlyList<LocalExecution>> WaitForAsync(Func<IReadOnlyList<LocalExecution>, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var executions = Executions;
            if (predicate(executions))
            {
                return executions;
            }
            if (DateTime.UtcNow >= until)
            {
                throw new TimeoutException($"After {timeout.TotalSeconds:0} s, {executions.Count} execution(s) had finished: " +
                    string.Join("; ", executions.Select(e => $"{e.LambdaName}@{e.Region} {e.Kind} {e.Response}")));
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var running in _running)
        {
            await running.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
        if (_invoke is not null)
        {
            await _invoke.DisposeAsync().ConfigureAwait(false);
        }
    }

    private RuntimeApiServer? Find(string region, string lambdaName)
    {
        lock (_gate)
        {
            return _servers.FirstOrDefault(s => s.Copy.Region == region && s.Copy.LambdaName == lambdaName);
        }
    }

    private void OnFinished(LocalExecution execution)
    {
        lock (_gate)
        {
            _executions.Add(execution);
        }
        Finished?.Invoke(execution);
    }

    private Dictionary<string, string> EnvironmentOf(LocalCopy copy, RuntimeApiServer server)
    {
        var environment = new Dictionary<string, string>(copy.Environment, StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = server.Address,
            ["AWS_REGION"] = copy.Region,
            ["AWS_DEFAULT_REGION"] = copy.Region,
            ["AWS_LAMBDA_FUNCTION_NAME"] = copy.LambdaName,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = copy.MemoryMiB.ToString(CultureInfo.InvariantCulture),
            ["AWS_ENDPOINT_URL_LAMBDA"] = InvokeEndpointUrl.ToString().TrimEnd('/'),
        };
        return environment;
    }
}

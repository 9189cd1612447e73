namespace Tern.Planning.Profiles;

/// <summary>What recorded executions say about a workflow: run-time samples per instance and region, how often each
/// call happens and how big its payload is, and measured call latencies between regions. Empty when nothing was
/// recorded; the planner then uses the workflow's priors.</summary>
public sealed record WorkflowProfile
{
    public static WorkflowProfile Empty { get; } = new();

    /// <summary>Runs seen (each counted once, by its entry execution).</summary>
    public long Runs { get; init; }

    /// <summary>Instance → region → run times in seconds of warm, successful, unretried executions.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>> RuntimeSeconds { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<double>>>();

    /// <summary>(caller instance, called instance) → how often the call happened and its payloads.</summary>
    public IReadOnlyDictionary<(string From, string To), CallProfile> Calls { get; init; } = new Dictionary<(string From, string To), CallProfile>();

    /// <summary>(caller region, callee region) → call latencies in seconds, from warm executions.</summary>
    public IReadOnlyDictionary<(string From, string To), IReadOnlyList<double>> LatencySeconds { get; init; } =
        new Dictionary<(string From, string To), IReadOnlyList<double>>();

    /// <summary>Executions left out of run times because they were cold starts.</summary>
    public int ColdStarts { get; init; }

    /// <summary>Executions left out entirely because Lambda ran them more than once.</summary>
    public int Retried { get; init; }

    /// <summary>Executions left out of run times and call counts because the handler failed.</summary>
    public int Failed { get; init; }
}

/// <summary>One call edge as recorded.</summary>
/// <param name="Called">Executions of the caller that made the call.</param>
/// <param name="NotCalled">Executions of the caller that did not (conditional non-calls).</param>
/// <param name="PayloadBytes">The payload of each call made.</param>
public sealed record CallProfile(int Called, int NotCalled, IReadOnlyList<long> PayloadBytes)
{
    /// <summary>Called / (Called + NotCalled).</summary>
    public double Probability => Called + NotCalled == 0 ? 0 : (double)Called / (Called + NotCalled);
}

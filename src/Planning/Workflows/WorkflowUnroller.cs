using Tern.Entities.ServerlessWorkflows;

namespace Tern.Planning.Workflows;

/// <summary>An instance of the unrolled DAG: one run of a function.</summary>
internal sealed record UnrolledInstance(string Name, FunctionSpec Function);

/// <summary>A call between two instances, by index.</summary>
internal sealed record UnrolledEdge(int From, int To, double Probability);

/// <summary>The workflow's call graph as instances in topological order (the entrypoint first) and the calls between them.</summary>
internal sealed record UnrolledWorkflow(IReadOnlyList<UnrolledInstance> Instances, IReadOnlyList<UnrolledEdge> Edges);

/// <summary>Turns the function call graph into instances: every call runs its own copy of the called function, so
/// each copy can be placed on its own, except a join, which runs once after all its callers.</summary>
internal static class WorkflowUnroller
{
    /// <summary>More instances than this would make planning slow and usually mean a fan-in lacks join: true.</summary>
    public const int MaxInstances = 256;

    public static UnrolledWorkflow Unroll(ServerlessWorkflowSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var functions = new Dictionary<string, FunctionSpec>(StringComparer.Ordinal);
        foreach (var function in spec.Functions.Where(f => !functions.TryAdd(f.Name, f)))
        {
            throw new WorkflowMappingException($"Function {function.Name} is declared twice; function names must be unique.");
        }
        if (!functions.TryGetValue(spec.Entrypoint, out var entry))
        {
            throw new WorkflowMappingException($"The entrypoint {spec.Entrypoint} is not one of the workflow's functions.");
        }

        var created = new List<FunctionSpec>();
        var edges = new List<UnrolledEdge>();
        var joins = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new Queue<int>();
        int Create(FunctionSpec function)
        {
            if (created.Count == MaxInstances)
            {
                throw new WorkflowMappingException($"The workflow unrolls into more than {MaxInstances} function instances (every call runs its " +
                    $"own copy " +
                    "of the called function, and the copies' calls multiply). Mark fan-in functions join: true, call fewer functions, or check the " +
                        "calls for a cycle.");
            }
            created.Add(function);
            pending.Enqueue(created.Count - 1);
            return created.Count - 1;
        }

        Create(entry);
        while (pending.TryDequeue(out var caller))
        {
            foreach (var call in created[caller].Calls)
            {
                var callee = functions.GetValueOrDefault(call.Function)
                    ?? throw new WorkflowMappingException($"Function {created[caller].Name} calls {call.Function}, which is not a function of the " +
                        $"workflow.");
                int target;
                if (!callee.Join)
                {
                    target = Create(callee);
                }
                else if (!joins.TryGetValue(callee.Name, out target))
                {
                    target = Create(callee);
                    joins[callee.Name] = target;
                }
                edges.Add(new UnrolledEdge(caller, target, call.Probability));
            }
        }
        return Sort(created, edges);
    }

    // Creation order is breadth-first, so a join can be created before one of its later callers; Kahn's algorithm,
    // always taking the earliest-created ready instance, restores a topological order that changes as little as possible.
    private static UnrolledWorkflow Sort(List<FunctionSpec> created, List<UnrolledEdge> edges)
    {
        var incoming = new int[created.Count];
        foreach (var edge in edges)
        {
            incoming[edge.To]++;
        }
        var ready = new SortedSet<int>(Enumerable.Range(0, created.Count).Where(i => incoming[i] == 0));
        var order = new List<int>();
        while (ready.Count > 0)
        {
            var next = ready.Min;
            ready.Remove(next);
            order.Add(next);
            foreach (var edge in edges.Where(e => e.From == next))
            {
                if (--incoming[edge.To] == 0)
                {
                    ready.Add(edge.To);
                }
            }
        }
        if (order.Count < created.Count)
        {
            var stuck = created.Where((_, i) => incoming[i] > 0).Select(f => f.Name).Distinct();
            throw new WorkflowMappingException($"The calls form a cycle through {string.Join(", ", stuck)}; a workflow must be a DAG.");
        }

        var position = new int[created.Count];
        for (var i = 0; i < order.Count; i++)
        {
            position[order[i]] = i;
        }
        var names = Names(created);
        return new UnrolledWorkflow(
            [.. order.Select(i => new UnrolledInstance(names[i], created[i]))],
            [.. edges.Select(e => e with { From = position[e.From], To = position[e.To] })]);
    }

    private static string[] Names(List<FunctionSpec> created)
    {
        var totals = created.CountBy(f => f.Name).ToDictionary(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. created.Select(f =>
        {
            var n = seen[f.Name] = seen.GetValueOrDefault(f.Name) + 1;
            return totals[f.Name] == 1 ? f.Name : $"{f.Name}#{n}";
        })];
    }
}

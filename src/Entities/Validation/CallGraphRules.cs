using Tern.Entities.ServerlessWorkflows;

namespace Tern.Entities.Validation;

/// <summary>The calls form a directed acyclic graph that starts at the entrypoint and reaches every function.</summary>
internal static class CallGraphRules
{
    public static void Check(ServerlessWorkflowSpec spec, List<ValidationError> errors)
    {
        var indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Functions.Count; i++)
        {
            indexByName.TryAdd(spec.Functions[i].Name ?? "", i);
        }
        var names = spec.Functions.Select(f => f.Name).Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.Ordinal).ToList();

        CheckCalls(spec, indexByName, names, errors);
        var entrypointDeclared = CheckEntrypoint(spec, indexByName, names, errors);
        CheckCycles(spec, indexByName, errors);
        if (entrypointDeclared)
        {
            CheckReachable(spec, indexByName, errors);
        }
    }

    private static void CheckCalls(ServerlessWorkflowSpec spec, Dictionary<string, int> indexByName, List<string> names, List<ValidationError> errors)
    {
        for (var i = 0; i < spec.Functions.Count; i++)
        {
            var function = spec.Functions[i];
            for (var j = 0; j < function.Calls.Count; j++)
            {
                var call = function.Calls[j];
                var path = $"spec.functions[{i}].calls[{j}]";
                var target = call.Function ?? "";
                if (target.Length == 0)
                {
                    errors.Add(new($"{path}.function", "is required.", "Name the function that is called."));
                }
                else if (!indexByName.ContainsKey(target))
                {
                    errors.Add(new($"{path}.function", $"'{target}' is not one of the workflow's functions.{Suggestions.DidYouMean(target, names)}",
                        $"Call one of: {string.Join(", ", names)}; or add a function named '{target}'."));
                }
                if (double.IsNaN(call.Probability) || call.Probability is < 0 or > 1)
                {
                    errors.Add(new($"{path}.probability", $"{call.Probability} is not a probability.",
                        "Use a value from 0 to 1, or omit it for a call that always happens."));
                }
            }
        }
    }

    private static bool CheckEntrypoint(ServerlessWorkflowSpec spec, Dictionary<string, int> indexByName, List<string> names,
        List<ValidationError> errors)
    {
        var entrypoint = spec.Entrypoint ?? "";
        if (entrypoint.Length == 0)
        {
            errors.Add(new("spec.entrypoint", "is required.", $"Set it to the function that starts the " +
                $"workflow{(names.Count > 0 ? $", one of: {string.Join(", ", names)}" : "")}."));
            return false;
        }
        if (!indexByName.ContainsKey(entrypoint))
        {
            errors.Add(new("spec.entrypoint", $"'{entrypoint}' is not one of the workflow's functions.{Suggestions.DidYouMean(entrypoint, names)}",
                $"Set it to one of: {string.Join(", ", names)}."));
            return false;
        }
        for (var i = 0; i < spec.Functions.Count; i++)
        {
            for (var j = 0; j < spec.Functions[i].Calls.Count; j++)
            {
                if (spec.Functions[i].Calls[j].Function == entrypoint)
                {
                    errors.Add(new($"spec.functions[{i}].calls[{j}].function",
                        $"'{spec.Functions[i].Name}' calls the entrypoint '{entrypoint}'; the entrypoint starts the workflow and cannot be called.",
                        "Remove this call, or make another function the entrypoint."));
                }
            }
        }
        return true;
    }

    private static void CheckCycles(ServerlessWorkflowSpec spec, Dictionary<string, int> indexByName, List<ValidationError> errors)
    {
        const int unvisited = 0, onStack = 1, done = 2;
        var state = new int[spec.Functions.Count];
        var stack = new List<int>();
        var reported = new HashSet<string>(StringComparer.Ordinal);

        void Visit(int node)
        {
            state[node] = onStack;
            stack.Add(node);
            var calls = spec.Functions[node].Calls;
            for (var j = 0; j < calls.Count; j++)
            {
                if (!indexByName.TryGetValue(calls[j].Function ?? "", out var next))
                {
                    continue;
                }
                if (state[next] == onStack)
                {
                    ReportCycle(node, j, next);
                }
                else if (state[next] == unvisited)
                {
                    Visit(next);
                }
            }
            stack.RemoveAt(stack.Count - 1);
            state[node] = done;
        }

        void ReportCycle(int from, int callIndex, int to)
        {
            var cycle = stack.Skip(stack.IndexOf(to)).ToList();
            // The same cycle found from another starting point is reported once.
            var key = string.Join(",", cycle.Order());
            if (!reported.Add(key))
            {
                return;
            }
            var path = string.Join(" → ", cycle.Append(to).Select(i => spec.Functions[i].Name));
            errors.Add(new($"spec.functions[{from}].calls[{callIndex}].function",
                $"the calls form a cycle {path}; a workflow must be a directed acyclic graph.",
                $"Remove one call of the cycle, for example the call from '{spec.Functions[from].Name}' to '{spec.Functions[to].Name}'."));
        }

        for (var i = 0; i < spec.Functions.Count; i++)
        {
            if (state[i] == unvisited)
            {
                Visit(i);
            }
        }
    }

    private static void CheckReachable(ServerlessWorkflowSpec spec, Dictionary<string, int> indexByName, List<ValidationError> errors)
    {
        var reached = new bool[spec.Functions.Count];
        var pending = new Stack<int>();
        pending.Push(indexByName[spec.Entrypoint]);
        while (pending.TryPop(out var node))
        {
            if (reached[node])
            {
                continue;
            }
            reached[node] = true;
            foreach (var call in spec.Functions[node].Calls)
            {
                if (indexByName.TryGetValue(call.Function ?? "", out var next))
                {
                    pending.Push(next);
                }
            }
        }
        for (var i = 0; i < spec.Functions.Count; i++)
        {
            if (!reached[i] && indexByName.TryGetValue(spec.Functions[i].Name ?? "", out var first) && first == i)
            {
                errors.Add(new($"spec.functions[{i}]", $"function '{spec.Functions[i].Name}' cannot be reached from the entrypoint " +
                    $"'{spec.Entrypoint}', so it would never run.",
                    "Call it from a function that the entrypoint reaches, or remove it."));
            }
        }
    }
}

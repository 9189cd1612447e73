using System.Diagnostics;
using System.Globalization;
using Tern.Solvers.Algorithms;
using Tern.Solvers.Evaluation;

namespace Tern.Solvers.Plans;

/// <summary>Plans one time key: runs the chosen algorithm (Auto: branch and bound within its budget, the heuristic
/// from there when the budget runs out) and reports the placement, its figures and why.</summary>
internal static class KeyPlanner
{
    public static TimeKeyPlan Plan(EvaluationContext context, int startHour, int hours, PlannerOptions options,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var evaluator = context.ForTimeKey(startHour, hours);
        var home = evaluator.Home;
        var ranker = new Ranker(context.Problem.Constraints, home);
        var space = new SearchSpace(context.Problem, evaluator, ranker);
        // The searches stop at whichever comes first: the key's deadline or the caller's token (the operator's planning budget).
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.DeadlinePerKey);
        var seed = options.Evaluation.Seed + startHour;
        var (algorithm, outcome, reason) = options.Algorithm switch
        {
            AlgorithmChoice.CoarseGrained => Ran(AlgorithmChoice.CoarseGrained, CoarseGrained.Search(space)),
            AlgorithmChoice.FineGrained => Ran(AlgorithmChoice.FineGrained, FineGrained.Search(space, deadline.Token)),
            AlgorithmChoice.Heuristic => Ran(AlgorithmChoice.Heuristic, Heuristic.Search(space, seed, deadline.Token)),
            _ => Auto(space, options, seed, deadline.Token),
        };
        IReadOnlyList<int> placement;
        Estimate estimate;
        if (space.Best is { } best)
        {
            placement = best.Placement;
            estimate = evaluator.EvaluatePrecisely(placement);
        }
        else
        {
            placement = evaluator.HomePlacement;
            estimate = home;
            var broken = ranker.HardViolations(home);
            reason = Join("no placement keeps the hard constraints, so every function stays at home" +
                (broken.Count > 0 ? $" (home itself breaks them: {string.Join("; ", broken)})" : ""), reason);
        }
        return new TimeKeyPlan
        {
            StartHour = startHour,
            Hours = hours,
            Placement = placement,
            Estimate = estimate,
            Home = home,
            HomeRegion = context.Problem.HomeRegion,
            AlgorithmRun = algorithm,
            ProvenOptimal = outcome.ProvenOptimal && space.Best is not null,
            Reason = reason,
            SearchNodes = outcome.Nodes,
            PlacementsEvaluated = space.Offers,
            Evaluations = evaluator.Evaluations,
            Samples = evaluator.SamplesUsed,
            Elapsed = started.Elapsed,
        };
    }

    private static (AlgorithmChoice, SearchOutcome, string?) Ran(AlgorithmChoice algorithm, SearchOutcome outcome) =>
        (algorithm, outcome, outcome.Remark);

    // Branch and bound first: when it finishes, its placement is proven optimal, and on most workflows it finishes
    // sooner than the heuristic would. Its budget is counted in work, so the same seed always stops at the same
    // point; the wall-clock deadline is only a safety net. The heuristic then starts from the best it found.
    private static (AlgorithmChoice, SearchOutcome, string?) Auto(SearchSpace space, PlannerOptions options, int seed, CancellationToken deadline)
    {
        var budget = new SearchBudget(options.AutoNodeBudget, options.AutoSimulatedRunBudget);
        var exact = FineGrained.Search(space, budget, deadline);
        if (exact.ProvenOptimal)
        {
            return (AlgorithmChoice.FineGrained, exact, string.Create(CultureInfo.InvariantCulture,
                $"Auto: branch and bound finished within its budget of {options.AutoNodeBudget} nodes, so this placement is proven optimal"));
        }
        var why = exact.OutOfBudget
            ? exact.Remark
            : $"branch and bound reached the {options.DeadlinePerKey.TotalSeconds:0.#} s safety deadline " +
              "(a wall-clock limit, so this key may differ between runs)";
        var heuristic = Heuristic.Search(space, seed, deadline);
        return (AlgorithmChoice.Heuristic, heuristic with { Nodes = exact.Nodes },
            Join($"Auto: {why}, so Heuristic continued from the best placement it had found", heuristic.Remark));
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : $"{first}; {second}";
}

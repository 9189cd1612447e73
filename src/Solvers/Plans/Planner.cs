using System.Diagnostics;
using Tern.Solvers.Algorithms;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;
using Tern.Solvers.Time;

namespace Tern.Solvers.Plans;

/// <summary>Plans a workflow: for every time key, searches placements with the chosen algorithm and keeps
/// the best that respects the hard bounds; when none does, keeps the home placement and says why.</summary>
public static class Planner
{
    /// <summary>Plans <paramref name="problem"/>.</summary>
    /// <exception cref="ArgumentException">When the problem does not pass <see cref="ProblemValidator"/>; the message lists every
    /// problem.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled: it is checked between
    /// time keys and inside the searches, so planning stops soon after.</exception>
    public static Plan Plan(PlanningProblem problem, PlannerOptions options, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        Validate(problem);
        return PlanValidated(new EvaluationContext(problem, options.Evaluation), options, clock, cancellationToken);
    }

    /// <summary>Plans the problem of <paramref name="context"/>, reusing what it has prepared: for callers that plan
    /// many problems differing only in carbon (see <see cref="EvaluationContext.WithCarbon"/>).</summary>
    /// <exception cref="ArgumentException">When the problem is invalid, or the context samples with other options than
    /// <see cref="PlannerOptions.Evaluation"/>.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static Plan Plan(EvaluationContext context, PlannerOptions options, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (context.Options != options.Evaluation)
        {
            throw new ArgumentException($"The evaluation context samples with {context.Options}, but the planner options ask " +
                $"for {options.Evaluation}; " +
                "make the context with the planner options' Evaluation.", nameof(context));
        }
        Validate(context.Problem);
        return PlanValidated(context, options, clock, cancellationToken);
    }

    private static void Validate(PlanningProblem problem)
    {
        var errors = ProblemValidator.Validate(problem);
        if (errors.Count > 0)
        {
            throw new ArgumentException("The planning problem is invalid:\n- " + string.Join("\n- ", errors), nameof(problem));
        }
    }

    private static Plan PlanValidated(EvaluationContext context, PlannerOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var problem = context.Problem;
        var timeKeys = TimeKeys.Create(options.TimeKeysPerDay);
        var started = Stopwatch.StartNew();
        var generatedAt = clock.GetUtcNow();
        // Keys share nothing they write but the context's caches, whose figures do not depend on who computes them
        // first, so planning them in parallel gives the same plans as one after another.
        var keys = timeKeys.Covering(options.PlannedHours).ToArray();
        var plans = new TimeKeyPlan[keys.Length];
        Parallel.For(0, keys.Length, new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken },
            k => plans[k] = KeyPlanner.Plan(context, timeKeys.StartHour(keys[k]), timeKeys.HoursPerKey, options, cancellationToken));
        // A search stopped by the token returns its best so far; a plan cut short that way is not a plan.
        cancellationToken.ThrowIfCancellationRequested();
        var notes = problem.Notes.ToList();
        if (!context.Probabilities.Exact)
        {
            notes.Add("more than 20 conditional calls decide whether joins run: the joins' probabilities were estimated " +
                "from 2^20 seeded draws, not enumerated");
        }
        return new Plan
        {
            Workflow = problem.Name,
            Requested = options.Algorithm,
            GeneratedAt = generatedAt,
            ExpiresAt = generatedAt + options.Validity,
            Seed = options.Evaluation.Seed,
            Regions = [.. problem.Regions.Select(r => r.Code)],
            Instances = [.. problem.Instances.Select(i => i.Name)],
            TimeKeys = plans,
            Notes = notes,
            ExactProbabilities = context.Probabilities.Exact,
            Elapsed = started.Elapsed,
        };
    }
}

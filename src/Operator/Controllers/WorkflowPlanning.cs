using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Entities.Validation;
using Tern.Planning;
using Tern.Planning.BundledData;
using Tern.Planning.Profiles;
using Tern.Planning.Workflows;
using Tern.Solvers.Plans;

namespace Tern.Operator.Controllers;

/// <summary>When a workflow needs a new plan, and making it: no plan yet; the plan expired; the spec
/// changed; enough invocations since the last plan and the plan older than the re-plan interval; or the
/// carbon profile changed materially (any region's hourly value by more than 10 %). Everything it compares
/// with is in the workflow's status, so any operator instance decides the same way.</summary>
internal sealed class WorkflowPlanning(ICarbonProfiles carbon, BundledDataSet data)
{
    private const double MaterialCarbonChange = 0.10;
    private static readonly TimeSpan MinimumValidity = TimeSpan.FromDays(1);

    public PlanDecision ShouldPlan(ServerlessWorkflow workflow, long totalInvocations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var status = workflow.Status;
        var profile = carbon.For(workflow.Spec.CarbonSourceRef);
        if (profile is null)
        {
            return PlanDecision.Wait($"CarbonSource {workflow.Spec.CarbonSourceRef} has no carbon data yet", TimeSpan.FromSeconds(30));
        }
        if (status?.Plan is not { } plan)
        {
            return PlanDecision.Now("no plan yet");
        }
        if (now >= plan.ExpiresAt)
        {
            return PlanDecision.Now("the plan expired");
        }
        var planned = status.Conditions.FirstOrDefault(c => c.Type == WorkflowConditionTypes.Planned);
        if (planned?.ObservedGeneration != workflow.Metadata.Generation)
        {
            return PlanDecision.Now("the spec changed");
        }
        var since = SinceLastPlan(status, totalInvocations);
        var interval = ReplanInterval(workflow);
        if (since >= workflow.Spec.Planning.MinInvocations && now - plan.GeneratedAt >= interval)
        {
            return PlanDecision.Now($"{since} invocations since the last plan");
        }
        if (plan.PlannedWithCarbon.Count > 0 && ChangedMaterially(plan.PlannedWithCarbon, Fingerprint(workflow, profile)))
        {
            return PlanDecision.Now($"the carbon profile of {workflow.Spec.CarbonSourceRef} changed by more than {MaterialCarbonChange:P0}");
        }
        var untilExpiry = plan.ExpiresAt - now;
        return PlanDecision.Wait(null, untilExpiry < TimeSpan.FromMinutes(1) ? untilExpiry : TimeSpan.FromMinutes(1));
    }

    public static long SinceLastPlan(ServerlessWorkflowStatus? status, long totalInvocations) =>
        status?.Invocations is { } counts ? counts.SinceLastPlan + Math.Max(0, totalInvocations - counts.Total) : totalInvocations;

    /// <param name="observed">What the workflow's recorded executions say; null or empty plans with its priors.</param>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public PlanOutcome Plan(ServerlessWorkflow workflow, TimeProvider clock, WorkflowProfile? observed = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(clock);
        var profile = carbon.For(workflow.Spec.CarbonSourceRef)!;
        try
        {
            var mapped = WorkflowProblemMapper.Map(workflow, profile.Profile, data.LambdaPrices, data.TransferPrices, data.Latency,
                RegionCatalogue.Bundled, observed);
            var interval = ReplanInterval(workflow);
            var plan = Planner.Plan(mapped.Problem, new PlannerOptions
            {
                Algorithm = workflow.Spec.Planning.Algorithm.ToChoice(),
                TimeKeysPerDay = workflow.Spec.Planning.TimeKeysPerDay,
                Validity = interval > MinimumValidity ? interval : MinimumValidity,
            }, clock, cancellationToken);
            var status = PlanStatusMapping.ToStatus(plan) with { PlannedWithCarbon = Fingerprint(workflow, profile) };
            return new PlanOutcome(status, null, plan.TimeKeys.Sum(k => k.Evaluations));
        }
        catch (Exception e) when (e is WorkflowMappingException or ArgumentException)
        {
            return new PlanOutcome(null, e.Message, 0);
        }
    }

    // Validation has already checked the interval; a default keeps this safe on its own.
    private static TimeSpan ReplanInterval(ServerlessWorkflow workflow) =>
        Durations.TryParse(workflow.Spec.Planning.ReplanInterval, out var interval) ? interval : TimeSpan.FromHours(24);

    // Rounded to 0.1 g/kWh: the status is compared before it is written, so noise-level digits would cause writes.
    private static List<RegionHourlyCarbon> Fingerprint(ServerlessWorkflow workflow, CarbonProfileVersion profile) =>
    [
        .. RegionCatalogue.Bundled.All
            .Where(r => workflow.Spec.Regions.Count == 0 || workflow.Spec.Regions.Contains(r.Code))
            .Select(r => (r.Code, Values: profile.Profile.Find(r.Code)?.HourOfDayMeans))
            .Where(r => r.Values is not null)
            .Select(r => new RegionHourlyCarbon { Region = r.Code, GramsPerKwh = [.. r.Values!.Select(v => Math.Round(v, 1))] }),
    ];

    private static bool ChangedMaterially(IReadOnlyList<RegionHourlyCarbon> before, List<RegionHourlyCarbon> after)
    {
        var now = after.ToDictionary(r => r.Region, r => r.GramsPerKwh);
        return before.Count != now.Count || before.Any(b => !now.TryGetValue(b.Region, out var values)
            || b.GramsPerKwh.Zip(values).Any(p => Math.Abs(p.First - p.Second) > MaterialCarbonChange * Math.Max(p.First, 1)));
    }
}

/// <summary>Whether to plan now (with the reason) or when to look again (with what is awaited).</summary>
internal sealed record PlanDecision(string? Reason, string? WaitingFor, TimeSpan CheckAgainIn)
{
    public static PlanDecision Now(string reason) => new(reason, null, TimeSpan.Zero);

    public static PlanDecision Wait(string? waitingFor, TimeSpan checkAgainIn) => new(null, waitingFor, checkAgainIn);
}

/// <summary>A new plan as status, or why none could be made, and how many placements the planner evaluated.</summary>
internal sealed record PlanOutcome(PlanStatus? Plan, string? Error, long Evaluations);

using System.Globalization;
using Prometheus;
using Tern.Entities.ServerlessWorkflows;

namespace Tern.Operator.Monitoring;

/// <summary>The tern_workflow_* series, read at each scrape from the workflows' status as the controller last wrote it
/// (the plan, its estimates, the copies, the invocation count), so they say what <c>kubectl get swf -o yaml</c> says.
/// Per-invocation figures are the published plan's for the time key in effect now; a workflow without a plan has
/// only its invocations and copies.</summary>
internal sealed class WorkflowMetrics
{
    private static readonly string[] Workflow = ["namespace", "workflow"];

    private readonly StateSeries<Gauge.Child> _expiry;
    private readonly StateSeries<Gauge.Child> _age;
    private readonly StateSeries<Gauge.Child> _carbon;
    private readonly StateSeries<Gauge.Child> _cost;
    private readonly StateSeries<Gauge.Child> _runtime;
    private readonly StateSeries<Gauge.Child> _costLimit;
    private readonly StateSeries<Gauge.Child> _runtimeLimit;
    private readonly StateSeries<Gauge.Child> _savings;
    private readonly StateSeries<Gauge.Child> _savingsTarget;
    private readonly StateSeries<Counter.Child> _invocations;
    private readonly StateSeries<Gauge.Child> _copies;
    private readonly StateSeries<Gauge.Child> _placement;

    public WorkflowMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        Gauge Gauge(string name, string help, params string[] labels) => factory.CreateGauge(name, help, [.. Workflow, .. labels]);
        _expiry = StateSeries.Of(Gauge("tern_workflow_plan_expiry_timestamp_seconds", "When the published plan expires (Unix time)."));
        _age = StateSeries.Of(Gauge("tern_workflow_plan_age_seconds", "Time since the published plan was made."));
        _carbon = StateSeries.Of(Gauge("tern_workflow_carbon_grams_per_invocation",
            "Expected carbon of one invocation now (g CO2e), planned or with every function at home.", "placement"));
        _cost = StateSeries.Of(Gauge("tern_workflow_cost_usd_per_invocation",
            "Expected cost of one invocation now (USD), planned or with every function at home.", "placement"));
        _runtime = StateSeries.Of(Gauge("tern_workflow_runtime_p95_seconds",
            "Expected 95th percentile run time of one invocation now, planned or with every function at home.", "placement"));
        _costLimit = StateSeries.Of(Gauge("tern_workflow_constraint_cost_usd_per_invocation",
            "The cost limit of spec.constraints (hard or soft), a percentage of home resolved against home now (USD).", "kind"));
        _runtimeLimit = StateSeries.Of(Gauge("tern_workflow_constraint_runtime_p95_seconds",
            "The run time limit of spec.constraints, resolved against home now: hard on the p95, soft on the mean.", "kind"));
        _savings = StateSeries.Of(Gauge("tern_workflow_carbon_savings_ratio",
            "Carbon the published plan saves per invocation against home, averaged over the day (status.plan.carbonSavings)."));
        _savingsTarget = StateSeries.Of(Gauge("tern_workflow_savings_target_ratio",
            "The savings the carbon limit of spec.constraints asks for (soft, else hard), when the workflow sets one."));
        _invocations = StateSeries.Of(factory.CreateCounter("tern_workflow_invocations_total",
            "Invocations recorded for the workflow (status.invocations.total).", Workflow));
        _copies = StateSeries.Of(Gauge("tern_workflow_copies", "Function copies by state (status.deployments).", "state"));
        _placement = StateSeries.Of(Gauge("tern_workflow_placement_info",
            "1 for the region of each function instance in each time key of the published plan.", "function", "time_key", "region"));
    }

    /// <summary>Publishes the series of <paramref name="workflows"/> and removes every other workflow's.</summary>
    public void Publish(IReadOnlyCollection<ServerlessWorkflow> workflows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        var views = workflows.Select(w => new View(w, now)).ToList();
        _expiry.Publish(views.SelectMany(v => v.Plan(p => p.ExpiresAt.ToUnixTimeMilliseconds() / 1000.0)));
        _age.Publish(views.SelectMany(v => v.Plan(p => (now - p.GeneratedAt).TotalSeconds)));
        _carbon.Publish(views.SelectMany(v => v.ByPlacement(e => e.CarbonGrams)));
        _cost.Publish(views.SelectMany(v => v.ByPlacement(e => e.CostUsd)));
        _runtime.Publish(views.SelectMany(v => v.ByPlacement(e => e.RuntimeP95Seconds)));
        _costLimit.Publish(views.SelectMany(v => v.Limits(l => l.Cost, (e, _) => e.CostUsd)));
        _runtimeLimit.Publish(views.SelectMany(v => v.Limits(l => l.Runtime, (e, hard) => hard ? e.RuntimeP95Seconds : e.RuntimeMeanSeconds)));
        _savings.Publish(views.SelectMany(v => v.Savings()));
        _savingsTarget.Publish(views.SelectMany(v => v.SavingsTarget()));
        _invocations.Publish(views.SelectMany(v => v.Invocations()));
        _copies.Publish(views.SelectMany(v => v.Copies()));
        _placement.Publish(views.SelectMany(v => v.Placement()));
    }

    /// <summary>One workflow's status as series.</summary>
    private sealed class View(ServerlessWorkflow workflow, DateTimeOffset now)
    {
        private readonly string[] _id = [workflow.Metadata.NamespaceProperty, workflow.Metadata.Name];
        private readonly PlanStatus? _plan = workflow.Status?.Plan is { TimeKeys.Count: > 0 } plan ? plan : null;

        // The time keys are in order of start hour and the first starts at 0, so one always applies.
        private TimeKeyPlan? Current => _plan?.TimeKeys.LastOrDefault(k => k.StartHour <= now.UtcDateTime.Hour) ?? _plan?.TimeKeys[0];

        public IEnumerable<Series> Plan(Func<PlanStatus, double> value) => _plan is null ? [] : [Of(value(_plan))];

        public IEnumerable<Series> ByPlacement(Func<Estimates, double> value) => Current is { } key
            ? [Of(value(key.Estimates), "planned"), Of(value(key.Home), "home")]
            : [];

        /// <summary>The hard and soft limits <paramref name="limit"/> picks, a percentage of home resolved with
        /// <paramref name="home"/> (given the home estimates and whether the limit is hard).</summary>
        public IEnumerable<Series> Limits(Func<MetricLimits, Limit?> limit, Func<Estimates, bool, double> home)
        {
            var constraints = workflow.Spec.Constraints;
            foreach (var (kind, limits) in new[] { ("hard", constraints.Hard), ("soft", constraints.Soft) })
            {
                if (limits is not null && limit(limits) is { } set && Resolve(set, e => home(e, kind == "hard")) is { } value)
                {
                    yield return Of(value, kind);
                }
            }
        }

        public IEnumerable<Series> Savings() =>
            _plan is not null && double.TryParse(_plan.CarbonSavings.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
                ? [Of(percent / 100)]
                : [];

        public IEnumerable<Series> SavingsTarget()
        {
            var constraints = workflow.Spec.Constraints;
            var limit = constraints.Soft?.Carbon ?? constraints.Hard?.Carbon;
            return limit is not null && Current is { Home.CarbonGrams: > 0 } key && Resolve(limit, e => e.CarbonGrams) is { } grams
                ? [Of(1 - grams / key.Home.CarbonGrams)]
                : [];
        }

        public IEnumerable<Series> Invocations() => workflow.Status?.Invocations is { } counts ? [Of(counts.Total)] : [];

        public IEnumerable<Series> Copies()
        {
            var deployments = workflow.Status?.Deployments ?? [];
            return Enum.GetValues<CopyState>().Select(state => Of(deployments.Count(d => d.State == state), state.ToString()));
        }

        public IEnumerable<Series> Placement() =>
            _plan?.TimeKeys.SelectMany(k => k.Placement.Select(p => Of(1, p.Key, k.StartHour.ToString(CultureInfo.InvariantCulture), p.Value))) ?? [];

        private double? Resolve(Limit limit, Func<Estimates, double> home) =>
            limit.Absolute ?? (limit.PercentOfHome is { } percent && Current is { } key ? percent / 100 * home(key.Home) : null);

        private Series Of(double value, params string[] labels) => new([.. _id, .. labels], value);
    }
}

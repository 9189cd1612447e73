using System.Globalization;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Runtime;

namespace Tern.Operator.Hosting;

/// <summary>Prints what changes in workflows' status as it happens — conditions, copies and the plan per
/// time key — so a newcomer can watch the whole loop in the sandbox.</summary>
internal sealed class TransitionPrinter(TextWriter output, TimeProvider clock)
{
    private readonly Dictionary<ResourceKey, ServerlessWorkflowStatus?> _seen = [];
    private readonly object _gate = new();

    public void OnChange(ResourceKey key, ServerlessWorkflow? before, ServerlessWorkflow? after)
    {
        lock (_gate)
        {
            var previous = _seen.GetValueOrDefault(key);
            var time = clock.GetUtcNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            if (after is null)
            {
                output.WriteLine($"{time} {key}: deleted");
                _seen.Remove(key);
                return;
            }
            var status = after.Status;
            foreach (var condition in status?.Conditions ?? [])
            {
                var old = previous?.Conditions.FirstOrDefault(c => c.Type == condition.Type);
                if (old is null || old.Status != condition.Status || old.Reason != condition.Reason)
                {
                    output.WriteLine($"{time} {key}: {condition.Type}={condition.Status} {condition.Reason}: {condition.Message}");
                }
            }
            foreach (var copy in status?.Deployments ?? [])
            {
                var old = previous?.Deployments.FirstOrDefault(d => d.Function == copy.Function && d.Region == copy.Region);
                if (old?.State != copy.State)
                {
                    output.WriteLine($"{time} {key}: copy {copy.FunctionName} {copy.State}");
                }
            }
            if (status?.Plan is { } plan && plan.GeneratedAt != previous?.Plan?.GeneratedAt)
            {
                output.WriteLine($"{time} {key}: plan {plan.Summary}, carbon saved {plan.CarbonSavings}, expires {plan.ExpiresAt:yyyy-MM-dd HH:mm}Z");
                foreach (var timeKey in plan.TimeKeys)
                {
                    var regions = string.Join(", ", timeKey.Placement.GroupBy(p => p.Value)
                        .Select(g => $"{g.Key}: {string.Join(" ", g.Select(p => p.Key))}"));
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{time} {key}:   {timeKey.StartHour:00}h  {regions}  ({timeKey.Estimates.CarbonGrams:0.####} g " +
                            $"vs {timeKey.Home.CarbonGrams:0.####} g at home)"));
                }
            }
            _seen[key] = status;
        }
    }
}

using Tern.Entities.ServerlessWorkflows;

namespace Tern.Entities.Validation;

internal static class ConstraintRules
{
    public static void Check(ConstraintsSpec constraints, List<ValidationError> errors)
    {
        CheckLimits("spec.constraints.hard", constraints.Hard, errors);
        CheckLimits("spec.constraints.soft", constraints.Soft, errors);
        var seen = new HashSet<Metric>();
        for (var i = 0; i < constraints.Priority.Count; i++)
        {
            var metric = constraints.Priority[i];
            if (!Enum.IsDefined(metric))
            {
                errors.Add(new($"spec.constraints.priority[{i}]", $"'{metric}' is not a metric.", "Use Carbon, Cost or Runtime."));
            }
            else if (!seen.Add(metric))
            {
                errors.Add(new($"spec.constraints.priority[{i}]", $"{metric} appears twice in the priority order.",
                    "List each metric at most once, most important first."));
            }
        }
    }

    private static void CheckLimits(string path, MetricLimits? limits, List<ValidationError> errors)
    {
        if (limits is null)
        {
            return;
        }
        CheckLimit($"{path}.cost", limits.Cost, "US dollars per invocation", errors);
        CheckLimit($"{path}.runtime", limits.Runtime, "seconds", errors);
        CheckLimit($"{path}.carbon", limits.Carbon, "grams CO2e per invocation", errors);
    }

    private static void CheckLimit(string path, Limit? limit, string unit, List<ValidationError> errors)
    {
        if (limit is null)
        {
            return;
        }
        if (limit.Absolute is null == limit.PercentOfHome is null)
        {
            errors.Add(new(path, limit.Absolute is null ? "sets neither absolute nor percentOfHome." : "sets both absolute and percentOfHome.",
                $"Set exactly one: absolute (in {unit}) or percentOfHome (105 means at most 5 % above the home placement)."));
        }
        if (limit.Absolute is { } absolute && (double.IsNaN(absolute) || absolute < 0))
        {
            errors.Add(new($"{path}.absolute", $"{absolute} is negative.", $"Use 0 or more, in {unit}."));
        }
        if (limit.PercentOfHome is { } percent && (double.IsNaN(percent) || percent <= 0))
        {
            errors.Add(new($"{path}.percentOfHome", $"{percent} is not greater than 0.",
                "Use a percentage of the home placement's figure greater than 0, such as 105."));
        }
    }
}

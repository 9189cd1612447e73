using Tern.Entities.ServerlessWorkflows;

namespace Tern.Entities.Validation;

internal static class PlanningRules
{
    /// <summary>Time keys must divide the day into equal whole hours.</summary>
    public static IReadOnlyList<int> AllowedTimeKeysPerDay { get; } = [1, 2, 3, 4, 6, 8, 12, 24];

    public static void Check(PlanningSpec planning, List<ValidationError> errors)
    {
        if (!Enum.IsDefined(planning.Algorithm))
        {
            errors.Add(new("spec.planning.algorithm", $"'{planning.Algorithm}' is not a planning algorithm.",
                "Use Auto, CoarseGrained, FineGrained or Heuristic."));
        }
        if (planning.MinInvocations < 0)
        {
            errors.Add(new("spec.planning.minInvocations", $"{planning.MinInvocations} is negative.", "Use 0 or more invocations."));
        }
        if (!Durations.TryParse(planning.ReplanInterval, out _))
        {
            errors.Add(new("spec.planning.replanInterval", $"'{planning.ReplanInterval}' is not a duration.",
                "Write it as a number and a unit (d, h, m, s), such as 24h, 6h or 1h30m."));
        }
        if (!AllowedTimeKeysPerDay.Contains(planning.TimeKeysPerDay))
        {
            errors.Add(new("spec.planning.timeKeysPerDay", $"{planning.TimeKeysPerDay} does not divide the day into equal whole hours.",
                $"Use one of {string.Join(", ", AllowedTimeKeysPerDay)}."));
        }
    }
}

using Tern.Entities.Conditions;

namespace Tern.Operator.Runtime;

/// <summary>Sets conditions with metav1.Condition semantics: lastTransitionTime changes only when the status
/// flips; reason, message and observedGeneration are always refreshed.</summary>
internal static class ConditionSet
{
    public static IReadOnlyList<Condition> With(IReadOnlyList<Condition> existing, string type, ConditionStatus status, string reason,
        string message, long generation, DateTimeOffset now)
    {
        var previous = existing.FirstOrDefault(c => c.Type == type);
        var condition = new Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = generation,
            LastTransitionTime = previous is not null && previous.Status == status ? previous.LastTransitionTime : ApiTime.ToSecond(now),
        };
        return [.. existing.Where(c => c.Type != type), condition];
    }
}

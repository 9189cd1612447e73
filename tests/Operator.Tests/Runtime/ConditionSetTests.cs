using Tern.Entities.Conditions;
using Tern.Operator.Runtime;

namespace Tern.Operator.Tests.Runtime;

public class ConditionSetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_transition_time_changes_only_when_the_status_flips()
    {
        var first = ConditionSet.With([], "Ready", ConditionStatus.False, "Deploying", "1 of 2", 1, T0);
        var same = ConditionSet.With(first, "Ready", ConditionStatus.False, "Deploying", "2 of 3", 2, T0.AddMinutes(1));
        var flipped = ConditionSet.With(same, "Ready", ConditionStatus.True, "Planned", "done", 2, T0.AddMinutes(2).AddMilliseconds(300));

        Assert.Equal(T0, same.Single().LastTransitionTime);
        Assert.Equal("2 of 3", same.Single().Message);
        Assert.Equal(2, same.Single().ObservedGeneration);
        Assert.Equal(T0.AddMinutes(2), flipped.Single().LastTransitionTime);
    }

    [Fact]
    public void Other_conditions_are_kept()
    {
        var conditions = ConditionSet.With([], "Ready", ConditionStatus.True, "Planned", "", 1, T0);
        conditions = ConditionSet.With(conditions, "Degraded", ConditionStatus.False, "Fine", "", 1, T0);
        Assert.Equal(["Ready", "Degraded"], conditions.Select(c => c.Type));
    }
}

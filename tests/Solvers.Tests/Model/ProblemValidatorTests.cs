using Tern.Solvers.Synthetic;
using Tern.Solvers.Model;

namespace Tern.Solvers.Tests.Model;

public class ProblemValidatorTests
{
    private static readonly PlanningProblem Valid = SyntheticProblems.Create(41, 4, 3, withJoins: false);

    [Fact]
    public void A_generated_problem_is_valid() => Assert.Empty(ProblemValidator.Validate(Valid));

    [Theory]
    [InlineData(double.NaN, "not a number")]
    [InlineData(double.PositiveInfinity, "infinite")]
    [InlineData(-3.0, "negative")]
    public void Bad_numbers_anywhere_are_named(double bad, string expected)
    {
        var broken = Valid with
        {
            Regions = [Valid.Regions[0] with { HourlyGramsPerKwh = [.. Valid.Regions[0].HourlyGramsPerKwh.Select((v, h) => h == 5 ? bad : v)] },
                .. Valid.Regions.Skip(1)],
            Instances = [Valid.Instances[0] with { RuntimeSeconds = [[bad], .. Valid.Instances[0].RuntimeSeconds.Skip(1)] },
                .. Valid.Instances.Skip(1)],
            Edges = [Valid.Edges[0] with { PayloadGb = [bad] }, .. Valid.Edges.Skip(1)],
        };
        var errors = ProblemValidator.Validate(broken);
        Assert.Contains(errors, e => e.StartsWith("region region-0: carbon intensity at hour 5", StringComparison.Ordinal) && e.Contains(expected,
            StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("instance f0: run time in region-0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("payload size", StringComparison.Ordinal));
    }

    [Fact]
    public void An_instance_with_no_allowed_region_or_without_home_is_named()
    {
        var broken = Valid with { Instances = [Valid.Instances[0] with { AllowedRegions = [] }, Valid.Instances[1] with { AllowedRegions = [1] },
            .. Valid.Instances.Skip(2)] };
        var errors = ProblemValidator.Validate(broken);
        Assert.Contains(errors, e => e.StartsWith("instance f0: every region it could use is excluded", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("instance f1: the home region region-0 is not allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void Edges_must_go_forward_and_probabilities_lie_in_zero_one()
    {
        var broken = Valid with { Edges = [Valid.Edges[0] with { From = 2, To = 1, Probability = -0.1 }] };
        var errors = ProblemValidator.Validate(broken);
        Assert.Contains(errors, e => e.Contains("goes backwards", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("call probability -0.1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_home_runtime_says_to_give_a_profile()
    {
        var broken = Valid with { Instances = [Valid.Instances[0] with { RuntimeSeconds = [null, .. Valid.Instances[0].RuntimeSeconds.Skip(1)] },
            .. Valid.Instances.Skip(1)] };
        Assert.Contains(ProblemValidator.Validate(broken), e => e.Contains("give a profile", StringComparison.Ordinal));
    }

    [Fact]
    public void Untracked_transfers_and_storage_prices_are_checked()
    {
        var f0 = Valid.Instances[0];
        var broken = Valid with
        {
            Instances = [f0 with { UntrackedTransferGb = [[], [-1.0]] }, .. Valid.Instances.Skip(1)],
            Edges = [Valid.Edges[0] with { StorageUsdPerGb = double.NaN }, .. Valid.Edges.Skip(1)],
        };
        var errors = ProblemValidator.Validate(broken);
        Assert.Contains(errors, e => e == "instance f0: untracked transfers are given for 2 regions, not 3.");
        Assert.Contains(errors, e => e.StartsWith("instance f0: an untracked transfer list is empty", StringComparison.Ordinal));
        Assert.Contains(errors, e => e == "instance f0: untracked transfer: -1 is negative.");
        Assert.Contains(errors, e => e.EndsWith("storage price: NaN is not a number.", StringComparison.Ordinal));
    }
}

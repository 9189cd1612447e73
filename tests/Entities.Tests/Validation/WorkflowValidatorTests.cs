using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Entities.Validation;
using static Tern.Entities.Tests.Validation.Workflows;

namespace Tern.Entities.Tests.Validation;

public class WorkflowValidatorTests
{
    private readonly WorkflowValidator _validator = new(RegionCatalogue.Bundled);

    private IReadOnlyList<ValidationError> Validate(ServerlessWorkflowSpec spec, string name = "thumbnails") =>
        _validator.Validate(Create(spec, name));

    private static ValidationError Single(IReadOnlyList<ValidationError> errors, string path)
    {
        var matching = errors.Where(e => e.Path == path).ToList();
        Assert.True(matching.Count == 1, $"expected one error at {path}, got: {string.Join(" | ", errors)}");
        Assert.False(string.IsNullOrWhiteSpace(matching[0].Fix), "every error says how to fix it");
        return matching[0];
    }

    [Fact]
    public void A_valid_workflow_has_no_errors() => Assert.Empty(_validator.Validate(Create()));

    [Fact]
    public void A_cycle_is_reported_as_the_path_round_it()
    {
        var spec = Spec(Function("a", "b"), Function("b", "c"), Function("c", "a"));
        var cycle = Validate(spec with { Entrypoint = "start", Functions = [Function("start", "a"), .. spec.Functions] });

        var error = Single(cycle, "spec.functions[3].calls[0].function");
        Assert.Contains("a → b → c → a", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_calling_itself_is_a_cycle()
    {
        var errors = Validate(Spec(Function("a", "b"), Function("b", "b")));
        Assert.Contains("b → b", Single(errors, "spec.functions[1].calls[0].function").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_separate_cycles_are_both_reported()
    {
        var errors = Validate(Spec(Function("s", "a", "c"), Function("a", "b"), Function("b", "a"), Function("c", "d"), Function("d", "c")));
        Assert.Equal(2, errors.Count(e => e.Problem.Contains("cycle", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_entrypoint_must_be_a_declared_function()
    {
        var error = Single(Validate(Spec() with { Entrypoint = "ingset" }), "spec.entrypoint");
        Assert.Contains("Did you mean 'ingest'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_entrypoint_must_not_be_called()
    {
        var errors = Validate(Spec(Function("a", "b"), Function("b", "a")));
        Assert.Contains(errors, e => e.Path == "spec.functions[1].calls[0].function" && e.Problem.Contains("calls the entrypoint",
            StringComparison.Ordinal));
    }

    [Fact]
    public void A_call_must_target_a_declared_function()
    {
        var error = Single(Validate(Spec(Function("a", "resise"), Function("resize"))), "spec.functions[0].calls[0].function");
        Assert.Contains("'resise' is not one of the workflow's functions", error.Problem, StringComparison.Ordinal);
        Assert.Contains("'resize'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Calling_the_same_function_several_times_is_a_fan_out_not_an_error() =>
        Assert.Empty(Validate(Spec(Function("a", "b", "b", "b"), Function("b"))));

    [Fact]
    public void A_function_the_entrypoint_cannot_reach_is_reported()
    {
        var error = Single(Validate(Spec(Function("a"), Function("orphan"))), "spec.functions[1]");
        Assert.Contains("cannot be reached", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Resize")]
    [InlineData("resize_images")]
    [InlineData("-resize")]
    public void Function_names_must_be_dns_1123_labels(string name)
    {
        var errors = Validate(Spec(Function("a", name), Function(name)));
        Assert.Contains("DNS-1123", Single(errors, "spec.functions[1].name").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_names_must_be_unique()
    {
        var error = Single(Validate(Spec(Function("a", "b"), Function("b"), Function("b"))), "spec.functions[2].name");
        Assert.Contains("spec.functions[1]", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_workflow_name_must_be_a_dns_1123_label_without_dots()
    {
        Assert.Contains("no '.'", Single(Validate(Spec(), "thumb.nails"), "metadata.name").Fix, StringComparison.Ordinal);
        Assert.Contains("needs a name", Single(Validate(Spec(), ""), "metadata.name").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lambda_name_of_the_longest_candidate_region_must_fit_in_64_characters()
    {
        var longName = new string('w', 40);
        var spec = Spec(Function("ingest-and-normalise"));
        // 40 + 1 + 20 + 1 + len("ca-central-1") = 74 > 64.
        var error = Single(Validate(spec, longName), "spec.functions[0].name");
        Assert.Contains("74 characters", error.Problem, StringComparison.Ordinal);
        Assert.Contains("by 10 characters", error.Fix, StringComparison.Ordinal);

        // 40 + 1 + 6 + 1 + 12 = 60 fits.
        Assert.Empty(Validate(Spec(Function("ingest")), new string('w', 40)));
    }

    [Theory]
    [InlineData(127, false)]
    [InlineData(128, true)]
    [InlineData(10240, true)]
    [InlineData(10241, false)]
    public void Memory_must_be_within_lambda_limits(int memoryMiB, bool valid)
    {
        var errors = Validate(Spec(Function("a") with { MemoryMiB = memoryMiB }));
        Assert.Equal(valid, !errors.Any(e => e.Path == "spec.functions[0].memoryMiB"));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(900, true)]
    [InlineData(901, false)]
    public void Timeout_must_be_within_lambda_limits(int seconds, bool valid)
    {
        var errors = Validate(Spec(Function("a") with { TimeoutSeconds = seconds }));
        Assert.Equal(valid, !errors.Any(e => e.Path == "spec.functions[0].timeoutSeconds"));
    }

    [Fact]
    public void Architecture_must_be_one_lambda_knows() =>
        Single(Validate(Spec(Function("a") with { Architecture = (Architecture)7 })), "spec.functions[0].architecture");

    [Theory]
    [InlineData("nginx:latest")]
    [InlineData("docker.io/library/nginx:1.27")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/app")]
    [InlineData("12345.dkr.ecr.us-east-1.amazonaws.com/app:1.0")]
    public void The_image_must_be_an_ecr_uri_with_a_tag_or_digest(string image)
    {
        var error = Single(Validate(Spec(Function("a") with { Image = image })), "spec.functions[0].image");
        Assert.Contains("not an Amazon ECR image URI", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_must_be_in_the_home_regions_ecr()
    {
        var error = Single(Validate(Spec(Function("a") with { Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0" })),
            "spec.functions[0].image");
        Assert.Contains("eu-west-1", error.Problem, StringComparison.Ordinal);
        Assert.Contains("us-east-1", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_pinned_by_digest_is_accepted() =>
        Assert.Empty(Validate(Spec(Function("a") with { Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app@sha256:" + new string('a',
            64) })));

    [Fact]
    public void Regions_must_be_in_the_catalogue()
    {
        var errors = Validate(Spec() with { Regions = ["us-east-1", "us-west-9"], ExcludedRegions = ["mars-north-1"] });
        Single(errors, "spec.regions[1]");
        Single(errors, "spec.excludedRegions[0]");
    }

    [Fact]
    public void An_unknown_home_region_is_reported_once_with_a_suggestion_and_no_cascade()
    {
        var errors = Validate(Spec() with { HomeRegion = "us-east1", Regions = [] });
        Assert.Contains("Did you mean 'us-east-1'", Single(errors, "spec.homeRegion").Problem, StringComparison.Ordinal);
        Assert.Single(errors);
    }

    [Fact]
    public void The_home_region_must_not_be_excluded()
    {
        var errors = Validate(Spec() with { ExcludedRegions = ["us-west-2", "us-east-1"] });
        Assert.Contains("fallback", Single(errors, "spec.excludedRegions[1]").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_workflow_regions_must_include_home() =>
        Single(Validate(Spec() with { Regions = ["us-west-2", "ca-central-1"] }), "spec.regions");

    [Fact]
    public void The_home_region_must_be_allowed_for_every_function()
    {
        var spec = Spec(Function("a") with { Regions = ["us-west-2"] }, Function("b") with { ExcludedRegions = ["us-east-1"] });
        var errors = Validate(spec with { Functions = [spec.Functions[0] with { Calls = [new CallSpec { Function = "b" }] }, spec.Functions[1]] });
        Single(errors, "spec.functions[0].regions");
        Single(errors, "spec.functions[1].excludedRegions[0]");
    }

    [Fact]
    public void A_function_pin_must_leave_at_least_one_region()
    {
        var spec = Spec() with { ExcludedRegions = ["us-west-2"] };
        var pinned = spec with { Functions = [spec.Functions[0] with { Regions = ["us-west-2"] }, .. spec.Functions.Skip(1)] };
        var error = Single(Validate(pinned), "spec.functions[0]");
        Assert.Contains("no region", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_regions_are_reported() =>
        Single(Validate(Spec() with { Regions = ["us-east-1", "us-west-2", "us-west-2"] }), "spec.regions[2]");

    [Theory]
    [InlineData("")]
    [InlineData("tern-workflow")]
    [InlineData("arn:aws:iam::123:role/x")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:x")]
    public void The_execution_role_must_be_an_iam_role_arn(string arn) =>
        Single(Validate(Spec() with { ExecutionRoleArn = arn }), "spec.executionRoleArn");

    [Fact]
    public void Environment_names_must_be_valid_and_not_reserved()
    {
        var errors = Validate(Spec(Function("a") with { Env = new Dictionary<string, string> { ["1BAD"] = "x", ["AWS_REGION"] = "y",
            ["GOOD"] = "z" } }));
        Single(errors, "spec.functions[0].env[\"1BAD\"]");
        Assert.Contains("set by the Lambda runtime", Single(errors, "spec.functions[0].env.AWS_REGION").Problem, StringComparison.Ordinal);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Environment_larger_than_four_kilobytes_is_reported() =>
        Single(Validate(Spec(Function("a") with { Env = new Dictionary<string, string> { ["BIG"] = new string('x', 5000) } })),
            "spec.functions[0].env");

    [Fact]
    public void Call_probabilities_must_be_between_zero_and_one()
    {
        var spec = Spec(Function("a") with { Calls = [new CallSpec { Function = "b", Probability = 1.5 }, new CallSpec { Function = "b",
            Probability = double.NaN }] }, Function("b"));
        var errors = Validate(spec);
        Single(errors, "spec.functions[0].calls[0].probability");
        Single(errors, "spec.functions[0].calls[1].probability");
    }

    [Fact]
    public void A_profile_runtime_longer_than_the_timeout_is_reported() =>
        Single(Validate(Spec(Function("a") with { TimeoutSeconds = 2, Profile = new FunctionProfile { RuntimeMilliseconds = 2500 } })),
            "spec.functions[0].profile.runtimeMilliseconds");

    [Fact]
    public void Absolute_limits_must_not_be_negative_and_percentages_must_be_positive()
    {
        var constraints = new ConstraintsSpec
        {
            Hard = new MetricLimits { Cost = new Limit { Absolute = -0.01 }, Runtime = new Limit { PercentOfHome = 0 } },
            Soft = new MetricLimits { Carbon = new Limit { PercentOfHome = -5 } },
        };
        var errors = Validate(Spec() with { Constraints = constraints });
        Single(errors, "spec.constraints.hard.cost.absolute");
        Single(errors, "spec.constraints.hard.runtime.percentOfHome");
        Single(errors, "spec.constraints.soft.carbon.percentOfHome");
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void A_limit_sets_exactly_one_of_absolute_and_percent()
    {
        var constraints = new ConstraintsSpec
        {
            Hard = new MetricLimits { Cost = new Limit { Absolute = 1, PercentOfHome = 105 }, Carbon = new Limit() },
        };
        var errors = Validate(Spec() with { Constraints = constraints });
        Assert.Contains("both", Single(errors, "spec.constraints.hard.cost").Problem, StringComparison.Ordinal);
        Assert.Contains("neither", Single(errors, "spec.constraints.hard.carbon").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_priority_order_must_not_repeat_a_metric() =>
        Single(Validate(Spec() with { Constraints = new ConstraintsSpec { Priority = [Metric.Carbon, Metric.Cost, Metric.Carbon] } }),
            "spec.constraints.priority[2]");

    [Theory]
    [InlineData("24h", true)]
    [InlineData("1h30m", true)]
    [InlineData("1 day", false)]
    [InlineData("0h", false)]
    [InlineData("", false)]
    public void The_replan_interval_must_be_a_duration(string interval, bool valid) =>
        Assert.Equal(valid, !Validate(Spec() with { Planning = new PlanningSpec { ReplanInterval = interval } })
            .Any(e => e.Path == "spec.planning.replanInterval"));

    [Theory]
    [InlineData(5)]
    [InlineData(0)]
    [InlineData(48)]
    public void Time_keys_per_day_must_split_the_day_into_whole_hours(int keys) =>
        Single(Validate(Spec() with { Planning = new PlanningSpec { TimeKeysPerDay = keys } }), "spec.planning.timeKeysPerDay");

    [Fact]
    public void Missing_required_fields_are_all_reported_at_once()
    {
        var errors = _validator.Validate(new ServerlessWorkflow());
        var paths = errors.Select(e => e.Path).ToHashSet();
        Assert.Superset(new HashSet<string> { "metadata.name", "spec.homeRegion", "spec.executionRoleArn", "spec.entrypoint", "spec.functions" },
            paths);
    }

    [Fact]
    public void Every_error_of_a_badly_broken_workflow_is_reported_not_only_the_first()
    {
        var spec = Spec(
            Function("a", "b", "ghost") with { MemoryMiB = 64, Image = "nginx" },
            Function("b", "a") with { TimeoutSeconds = 0 }) with
        { HomeRegion = "us-east-1", ExcludedRegions = ["us-east-1"], Constraints = new ConstraintsSpec { Priority = [Metric.Cost, Metric.Cost] } };
        var paths = Validate(spec).Select(e => e.Path).ToList();
        Assert.Contains("spec.functions[0].memoryMiB", paths);
        Assert.Contains("spec.functions[0].image", paths);
        Assert.Contains("spec.functions[0].calls[1].function", paths);
        Assert.Contains("spec.functions[1].timeoutSeconds", paths);
        Assert.Contains("spec.functions[1].calls[0].function", paths);
        Assert.Contains("spec.excludedRegions[0]", paths);
        Assert.Contains("spec.constraints.priority[1]", paths);
    }
}

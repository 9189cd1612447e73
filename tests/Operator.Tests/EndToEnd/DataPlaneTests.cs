using Tern.Aws;
using Tern.Aws.Placement;
using Tern.Aws.Records;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Entities.Validation;
using Tern.FunctionHost;
using Tern.Functions;
using Tern.Manifests;
using Tern.Operator.Tests.Support;
using Tern.Tests.Support;
using Tern.Tests.Support.Aws;
using Tern.Tests.Support.Functions;

namespace Tern.Operator.Tests.EndToEnd;

/// <summary>The data plane end to end: the operator deploys the sample .NET workflow's copies to moto and publishes its
/// placement; the sample's handlers run in the local function host behind the copies' names, routed by that placement;
/// their invocation records become the workflow's invocation counts and profile; crossing spec.planning.minInvocations
/// makes a new plan, and the next runs follow its routes.</summary>
[Collection(AwsGroup.Name)]
public sealed class DataPlaneTests(AwsWorld world)
{
    private const string Name = "speech";
    private const int Threshold = 8;
    private static readonly string[] Regions = [AwsWorld.HomeRegion, "ca-central-1"];

    [SkippableFact]
    public async Task Recorded_runs_drive_the_counts_the_profile_and_a_replan_whose_routes_the_next_runs_follow()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        await using var harness = await OperatorHarness.StartAsync();
        using var clients = world.Clients();
        Platform.Aws.AwsWorkflowTests.StartOperator(harness, clients, new RecordingLoggers());
        await harness.ApplyAsync(Sample());
        var first = (await harness.WaitForAsync(Name, OperatorHarness.IsReady, seconds: 240)).Status!.Plan!;
        await using var host = await StartHostAsync();
        using var invoker = new AwsClients(new AwsConfiguration { Credentials = world.Moto.Credentials }, TimeProvider.System,
            environment: v => v == "AWS_ENDPOINT_URL_LAMBDA" ? host.InvokeEndpointUrl.ToString() : null);
        var placements = new PlacementStore(clients, AwsWorld.HomeRegion);
        var records = new InvocationRecordStore(clients, AwsWorld.HomeRegion);
        var starter = new RunStarter(invoker.Lambda, TimeProvider.System);

        // One run short of the threshold: the operator counts them and does not plan again.
        var runs = new List<string>();
        for (var i = 0; i < Threshold - 1; i++)
        {
            runs.Add(await StartRunAsync(starter, placements, i));
        }
        await WaitForRunsAsync(records, runs);
        var counted = await harness.WaitForAsync(Name, w => w.Status?.Invocations?.Total == Threshold - 1, seconds: 60);
        Assert.Equal(first.GeneratedAt, counted.Status!.Plan!.GeneratedAt);
        Assert.Equal(Threshold - 1, counted.Status.Invocations!.SinceLastPlan);

        // The run that crosses it: a new plan, made from the recorded profile.
        runs.Add(await StartRunAsync(starter, placements, Threshold - 1));
        await WaitForRunsAsync(records, runs);
        var replanned = await harness.WaitForAsync(Name, w => w.Status?.Plan?.GeneratedAt > first.GeneratedAt && OperatorHarness.IsReady(w),
            seconds: 120);
        var second = replanned.Status!.Plan!;
        Assert.Contains(replanned.Status.Conditions, c => c.Type == "Planned" && c.Message.Contains($"{Threshold} invocations since the last plan",
            StringComparison.Ordinal));
        // The priors say seconds per function; the handlers take milliseconds, which the recorded profile shows.
        Assert.True(second.TimeKeys[0].Estimates.RuntimeMeanSeconds < first.TimeKeys[0].Estimates.RuntimeMeanSeconds / 2,
            $"planned with {second.TimeKeys[0].Estimates.RuntimeMeanSeconds} s, before {first.TimeKeys[0].Estimates.RuntimeMeanSeconds} s");

        // The next runs follow the new placement, hop by hop.
        var placement = await UntilAsync(async () => await placements.GetAsync("default", Name, true, default) is { } p
            && p.GeneratedAt >= second.GeneratedAt ? p : null, TimeSpan.FromSeconds(60), "the new plan's placement is published");
        var next = new List<string> { await StartRunAsync(starter, placements, 100), await StartRunAsync(starter, placements, 101) };
        var after = await WaitForRunsAsync(records, next);
        Assert.All(after, r => Assert.Equal(placement.TargetAt(r.Instance, r.StartedAt)!.Region, r.Region));
        Assert.All(after, r => Assert.Equal(placement.Version, r.PlacementVersion));
    }

    /// <summary>The sample's manifest with an image the world has pushed, two regions and a low threshold.</summary>
    private static ServerlessWorkflow Sample()
    {
        var report = new ManifestValidator(RegionCatalogue.Bundled).ValidateFile(RepoPaths.Of("examples", "text-2-speech-dotnet", "workflow.yaml"));
        var workflow = report.Documents.Select(d => d.Resource).OfType<ServerlessWorkflow>().Single();
        workflow.Metadata.Name = Name;
        workflow.Spec = workflow.Spec with
        {
            Regions = Regions,
            Functions = [.. workflow.Spec.Functions.Select(f => f with { Image = AwsWorld.Image("tern-examples/text-2-speech-censoring", "1.0") })],
            Planning = workflow.Spec.Planning with { MinInvocations = Threshold, ReplanInterval = "1s" },
        };
        return workflow;
    }

    /// <summary>Every function of the sample in every region, under the Lambda names the operator gives the copies.</summary>
    private async Task<LocalFunctionHost> StartHostAsync()
    {
        var user = await world.Moto.CreateFunctionUserAsync($"speech-{Guid.NewGuid():N}"[..20]);
        var functions = new[] { "get-input", "text-2-speech", "conversion", "profanity", "censor", "compression" };
        var copies = functions.SelectMany(f => Regions.Select(region => new LocalCopy(f, region, AwsNames.LambdaFunctionName(Name, f, region),
            new InProcessLauncher(TextToSpeech.Handlers.For(f), user, TimeProvider.System), new Dictionary<string, string>
            {
                [TernFunctionOptions.WorkflowVariable] = $"default/{Name}",
                [TernFunctionOptions.FunctionVariable] = f,
                [TernFunctionOptions.TableRegionVariable] = AwsWorld.HomeRegion,
                [TernFunctionOptions.HomeShareVariable] = "0",
                ["AWS_ENDPOINT_URL_DYNAMODB"] = world.Moto.Endpoint.ToString(),
            }))).ToList();
        return await LocalFunctionHost.StartAsync(copies);
    }

    private static async Task<string> StartRunAsync(RunStarter starter, PlacementStore placements, int n)
    {
        var placement = (await placements.GetAsync("default", Name, true, default))!;
        var text = n % 2 == 0 ? "hello world" : "darn this heck of a day";
        return (await starter.StartAsync(placement, $$"""{"text":"{{text}}"}""", default)).RunId;
    }

    /// <summary>Waits until every run has reached its join (compression), and returns those runs' records; a run with a failed
    /// execution fails the test at once, with the errors.</summary>
    private static async Task<IReadOnlyList<InvocationRecord>> WaitForRunsAsync(InvocationRecordStore records, List<string> runs)
    {
        var all = await UntilAsync(async () =>
        {
            var all = (await records.ReadSinceAsync("default", Name, DateTimeOffset.UnixEpoch, default)).Where(r => runs.Contains(r.RunId)).ToList();
            return all.Count(r => r.Instance == "compression") == runs.Count || all.Any(r => r.Error is not null) ? all : null;
        }, TimeSpan.FromSeconds(240), $"{runs.Count} runs reach compression");
        Assert.Empty(all.Where(r => r.Error is not null).Select(r => $"{r.Instance}@{r.Region}: {r.Error}"));
        return all;
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"timed out after {timeout} waiting until {what}");
    }
}

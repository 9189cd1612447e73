using k8s;
using Tern.Aws.Placement;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Cli;

/// <summary>`tern run` without --simulate, as a user runs it: a child process with credentials in its environment,
/// the sandbox's loopback API server, moto for Lambda, ECR and DynamoDB, and a registry per region.</summary>
[Collection(AwsGroup.Name)]
public sealed class RunCommandAwsTests(AwsWorld world)
{
    private static readonly string[] Examples = ["dna-visualization", "image-processing", "text-2-speech-censoring", "video-analytics"];

    [SkippableFact]
    public async Task Tern_run_in_the_sandbox_on_moto_deploys_every_example_to_its_planned_regions_and_publishes_its_placement()
    {
        Skip.If(world.SkipReason is not null, world.SkipReason);
        string[] arguments =
            ["run", "--sandbox", "--aws-endpoint-url", world.Moto.Endpoint.ToString(), .. world.RegistryUrls.SelectMany(u => new[] { "--registry-url",
                u })];
        using var tern = TernProcess.Start(arguments, world.ChildEnvironment());

        var started = await tern.WaitForLineAsync(l => l.StartsWith("sandbox: loopback API server", StringComparison.Ordinal),
            TimeSpan.FromMinutes(2));
        using var kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = started[(started.LastIndexOf(" at ",
            StringComparison.Ordinal) + 4)..] });
        var workflows = new CustomResourceClient<ServerlessWorkflow>(kubernetes);
        using var clients = world.Clients();
        var store = new PlacementStore(clients, AwsWorld.HomeRegion);
        var digest = world.Version1.PlatformDigests["amd64"][7..];
        foreach (var name in Examples)
        {
            var ready = await OperatorFixture.WaitForAsync(workflows, new("default", name), OperatorHarness.IsReady, TimeSpan.FromMinutes(5));

            var plan = ready.Status!.Plan!;
            var copies = plan.TimeKeys.SelectMany(k => k.Placement).Select(p => (Function: p.Key.Split('#')[0], Region: p.Value))
                .Concat(ready.Spec.Functions.Select(f => (Function: f.Name, Region: ready.Spec.HomeRegion))).Distinct();
            foreach (var (function, region) in copies)
            {
                var copy = await clients.Lambda(region).GetFunctionAsync($"{name}-{function}-{region}", default);
                Assert.Equal(digest, copy.Configuration!.CodeSha256);
            }
            var published = await store.GetAsync("default", name, consistent: true, default);
            Assert.Equal(plan.TimeKeys.Select(k => k.Placement.OrderBy(p => p.Key, StringComparer.Ordinal)),
                published!.TimeKeys.Select(k => k.Instances.Select(i => new KeyValuePair<string, string>(i.Key, i.Value.Region))));
        }
        Assert.Contains($"sandbox: operator running on the AWS endpoint {world.Moto.Endpoint}", tern.Output, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using Tern.Entities.Regions;
using Tern.Entities.Serialization;
using Tern.Entities.ServerlessWorkflows;
using Tern.Manifests;
using Tern.Operator.Runtime;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Support;

/// <summary>Helpers for tests that run the operator against an API server.</summary>
internal static class OperatorFixture
{
    /// <summary>The example workflow examples/<paramref name="name"/>.yaml, decoded.</summary>
    public static ServerlessWorkflow Example(string name)
    {
        var report = new ManifestValidator(RegionCatalogue.Bundled).ValidateFile(RepoPaths.Of("examples", $"{name}.yaml"));
        var workflow = report.Documents.Select(d => d.Resource).OfType<ServerlessWorkflow>().Single();
        workflow.Metadata.NamespaceProperty ??= "default";
        return workflow;
    }

    /// <summary>The example CarbonSource examples/<paramref name="name"/>.yaml, decoded.</summary>
    public static Tern.Entities.CarbonSources.CarbonSource ExampleCarbonSource(string name)
    {
        var report = new ManifestValidator(RegionCatalogue.Bundled).ValidateFile(RepoPaths.Of("examples", $"{name}.yaml"));
        return report.Documents.Select(d => d.Resource).OfType<Tern.Entities.CarbonSources.CarbonSource>().Single();
    }

    /// <summary>A valid workflow that is slow to plan exactly: 14 functions in a chain over 5 regions, FineGrained, with run
    /// time first in the priority, so every placement the search compares needs Monte Carlo run times.</summary>
    public static ServerlessWorkflow SlowToPlan(string name)
    {
        var workflow = Example("video-analytics");
        var template = workflow.Spec.Functions[0];
        var names = Enumerable.Range(1, 14).Select(i => $"stage-{i}").ToList();
        workflow.Metadata.Name = name;
        workflow.Spec = workflow.Spec with
        {
            Entrypoint = names[0],
            Functions = [.. names.Select((n, i) => template with
            {
                Name = n,
                Regions = [],
                Calls = i + 1 < names.Count ? [new CallSpec { Function = names[i + 1] }] : [],
                Profile = new FunctionProfile { RuntimeMilliseconds = 800 + 150 * i, OutputBytes = 200_000 },
            })],
            Constraints = new ConstraintsSpec { Priority = [Metric.Runtime, Metric.Carbon, Metric.Cost] },
            Planning = workflow.Spec.Planning with { Algorithm = PlanningAlgorithm.FineGrained },
        };
        return workflow;
    }

    /// <summary>The object as a request body in Tern's JSON shape.</summary>
    public static JsonElement ToBody<T>(T entity) => JsonSerializer.SerializeToElement(entity, TernJson.Options);

    /// <summary>Polls until the object satisfies <paramref name="condition"/>; fails with its last state after <paramref name="timeout"/>.</summary>
    public static async Task<T> WaitForAsync<T>(CustomResourceClient<T> client, ResourceKey key, Func<T, bool> condition, TimeSpan timeout)
        where T : class, k8s.IKubernetesObject<k8s.Models.V1ObjectMeta>
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        T? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                last = await client.GetAsync(key, CancellationToken.None);
            }
            catch (k8s.Autorest.HttpOperationException e) when ((int)e.Response.StatusCode >= 500)
            {
                // Injected server errors hit the test's own reads too.
                continue;
            }
            if (last is not null && condition(last))
            {
                return last;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{key} did not reach the expected state in {timeout}; last " +
            $"state: {JsonSerializer.Serialize(last, TernJson.Options)}");
    }

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"timed out after {timeout} waiting until {what}");
    }
}

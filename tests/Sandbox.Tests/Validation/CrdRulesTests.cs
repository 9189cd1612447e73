using System.Net;
using System.Text.Json.Nodes;
using Tern.Sandbox.Serialization;
using Tern.Sandbox.Tests.Support;
using Tern.Sandbox.Validation;
using Tern.Tests.Support;

namespace Tern.Sandbox.Tests.Validation;

/// <summary>Every CEL rule of the shipped CRDs compiles with the sandbox's CEL library, and each one refuses
/// the object it is written against with its own message.</summary>
public class CrdRulesTests
{
    public static TheoryData<string> Rules()
    {
        // The same rule guards several fields (exactly one of absolute and percentOfHome): each distinct rule is one case.
        return [.. Directory.GetFiles(RepoPaths.Of("config", "crds"), "tern.dev_*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(file => Find(YamlReading.ReadAll(File.ReadAllText(file))[0]!)).Distinct(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_rule_of_the_crds_compiles(string rule) => Assert.Null(new CelRules().CompileError(rule));

    [Theory]
    [InlineData("""{"homeRegion":"us-east-1","entrypoint":"b"}""", "spec.entrypoint", "spec.entrypoint must be the name of one of spec.functions")]
    [InlineData("""{"homeRegion":"us-east-1","excludedRegions":["us-east-1"]}""", "spec.excludedRegions",
        "spec.homeRegion must not be in spec.excludedRegions")]
    [InlineData("""{"homeRegion":"us-east-1","regions":["eu-west-1"]}""", "spec.regions", "spec.regions must include spec.homeRegion")]
    [InlineData("""{"homeRegion":"us-east-1","constraints":{"hard":{"cost":{"absolute":1,"percentOfHome":110}}}}""",
        "spec.constraints.hard.cost", "set exactly one of absolute and percentOfHome")]
    [InlineData("""{"homeRegion":"us-east-1","constraints":{"soft":{"runtime":{}}}}""", "spec.constraints.soft.runtime",
        "set exactly one of absolute and percentOfHome")]
    [InlineData("""{"homeRegion":"us-east-1","constraints":{"priority":["Cost","Carbon","Cost"]}}""", "spec.constraints.priority",
        "spec.constraints.priority must not repeat a metric")]
    public async Task A_workflow_rule_refuses_with_its_message(string spec, string field, string message)
    {
        var body = (JsonObject)JsonNode.Parse(spec)!;
        body["entrypoint"] ??= "a";
        body["executionRoleArn"] = "arn:aws:iam::1:role/r";
        body["functions"] = JsonNode.Parse("""[{"name":"a","image":"i"}]""");
        var response = await PostAsync("/apis/tern.dev/v1alpha1/namespaces/default/serverlessworkflows", "ServerlessWorkflow", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Code);
        Assert.Equal([field], response.CauseFields);
        Assert.Contains(message, response.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ElectricityMaps", "spec.electricityMaps")]
    [InlineData("WattTime", "spec.wattTime")]
    [InlineData("Prometheus", "spec.prometheus")]
    public async Task A_carbon_source_needs_the_settings_of_its_provider(string provider, string field)
    {
        var response = await PostAsync("/apis/tern.dev/v1alpha1/carbonsources", "CarbonSource", new JsonObject { ["provider"] = provider });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Code);
        Assert.Equal([field], response.CauseFields);
        Assert.Contains($"{field} is required when provider is {provider}", response.Message, StringComparison.Ordinal);
    }

    private static async Task<ApiResponse> PostAsync(string path, string kind, JsonObject spec)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = new ApiClient(sandbox.Server.BaseUri);
        var body = new JsonObject { ["apiVersion"] = "tern.dev/v1alpha1", ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = "x" },
            ["spec"] = spec };
        return await api.PostAsync(path, body.ToJsonString());
    }

    private static IEnumerable<string> Find(JsonNode node) => node switch
    {
        JsonObject map => map.SelectMany(p => p.Key == "x-kubernetes-validations" && p.Value is JsonArray rules
            ? rules.Select(r => r!["rule"]!.GetValue<string>())
            : p.Value is null ? [] : Find(p.Value)),
        JsonArray list => list.Where(i => i is not null).SelectMany(i => Find(i!)),
        _ => [],
    };
}

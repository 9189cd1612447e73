using System.Net;
using System.Text.Json.Nodes;
using Tern.Sandbox.Tests.Support;

namespace Tern.Sandbox.Tests.Validation;

public class AdmissionTests
{
    private const string Workflows = "/apis/tern.dev/v1alpha1/namespaces/default/serverlessworkflows";
    private const string MergePatch = "application/merge-patch+json";

    [Fact]
    public async Task Schema_errors_are_all_reported_at_once_as_a_real_server_formats_them()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = new ApiClient(sandbox.Server.BaseUri);
        var function = """{"name":"a","image":"i","memoryMiB":"lots","architecture":"sparc"}""";
        var body = Workflow("bad", function, extra: "\"regions\":[\"us-east-1\",5]");

        var response = await api.PostAsync(Workflows, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Code);
        Assert.Equal("Invalid", response.Body!["reason"]!.GetValue<string>());
        Assert.StartsWith("ServerlessWorkflow.tern.dev \"bad\" is invalid: [", response.Message, StringComparison.Ordinal);
        Assert.Equal(["spec.functions[0].architecture", "spec.functions[0].memoryMiB", "spec.regions[1]"],
            response.CauseFields.Order(StringComparer.Ordinal));
        Assert.Contains("Unsupported value: \"sparc\": supported values: \"x86_64\", \"arm64\"", response.Message, StringComparison.Ordinal);
        Assert.Contains("spec.functions[0].memoryMiB in body must be of type integer: \"string\"", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_fields_duplicate_keys_and_bounds_are_checked()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = new ApiClient(sandbox.Server.BaseUri);
        var functions = """{"name":"a","image":"i","timeoutSeconds":901},{"name":"a","image":"j"},{"name":"b"}""";

        var response = await api.PostAsync(Workflows, Workflow("bounds", function: functions));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Code);
        Assert.Contains("spec.functions[1]", response.CauseFields);
        Assert.Contains("spec.functions[2].image", response.CauseFields);
        Assert.Contains("spec.functions[0].timeoutSeconds", response.CauseFields);
        Assert.Contains("Duplicate value: {\"name\":\"a\"}", response.Message, StringComparison.Ordinal);
        Assert.Contains("spec.functions[2].image: Required value", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defaults_are_applied_and_unknown_fields_pruned_with_a_warning()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = new ApiClient(sandbox.Server.BaseUri);

        var response = await api.PostAsync(Workflows, Workflow("defaults", function: """{"name":"a","image":"i","colour":"red"}"""));

        Assert.Equal(HttpStatusCode.Created, response.Code);
        var function = response.Body!["spec"]!["functions"]![0]!;
        Assert.Equal(128, function["memoryMiB"]!.GetValue<long>());
        Assert.Equal("x86_64", function["architecture"]!.GetValue<string>());
        Assert.Null(function["colour"]);
        Assert.Equal("default", response.Body["spec"]!["carbonSourceRef"]!.GetValue<string>());
        Assert.Equal(["299 - \"unknown field \\\"spec.functions[0].colour\\\"\""], response.Warnings);
    }

    [Fact]
    public async Task Duplicate_fields_are_refused_under_strict_validation()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = new ApiClient(sandbox.Server.BaseUri);
        var body = Workflow("dup", function: """{"name":"a","image":"i","image":"j"}""");

        var strict = await api.PostAsync(Workflows + "?fieldValidation=Strict", body);
        Assert.Equal(HttpStatusCode.BadRequest, strict.Code);
        Assert.Contains("duplicate field \"spec.functions[0].image\"", strict.Message, StringComparison.Ordinal);

        var ignored = await api.PostAsync(Workflows + "?fieldValidation=Ignore", body);
        Assert.Equal(HttpStatusCode.Created, ignored.Code);
        Assert.Equal("j", ignored.Body!["spec"]!["functions"]![0]!["image"]!.GetValue<string>());
        Assert.Empty(ignored.Warnings);
    }

    [Fact]
    public async Task The_fault_switch_stores_an_object_the_schema_refuses_and_later_updates_leave_it_alone()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = new ApiClient(sandbox.Server.BaseUri);
        var body = Workflow("lots", function: """{"name":"a","image":"i","memoryMiB":"lots"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.PostAsync(Workflows, body)).Code);

        sandbox.Server.Faults.SkipValidationOfNextWrites(1);
        var stored = await api.PostAsync(Workflows, body);
        Assert.Equal(HttpStatusCode.Created, stored.Code);
        Assert.Equal("lots", stored.Body!["spec"]!["functions"]![0]!["memoryMiB"]!.GetValue<string>());

        // Ratcheting: a status write (and a label) leave the unchanged invalid field alone, a new invalid value is refused.
        var status = await api.SendAsync(HttpMethod.Patch, Workflows + "/lots/status", """{"status":{"observedGeneration":1}}""", MergePatch);
        Assert.Equal(HttpStatusCode.OK, status.Code);
        var label = await api.SendAsync(HttpMethod.Patch, Workflows + "/lots", """{"metadata":{"labels":{"a":"b"}}}""", MergePatch);
        Assert.Equal(HttpStatusCode.OK, label.Code);
        var worse = await api.SendAsync(HttpMethod.Patch, Workflows + "/lots", """{"spec":{"homeRegion":7}}""", MergePatch);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, worse.Code);
    }

    [Fact]
    public async Task Dry_run_answers_the_stored_result_and_stores_nothing()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        using var api = new ApiClient(sandbox.Server.BaseUri);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Workflows + "?dryRun=All", Workflow("dry"))).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Get, Workflows + "/dry")).Code);

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync(Workflows, Workflow("dry"))).Code);
        var patched = await api.SendAsync(HttpMethod.Patch, Workflows + "/dry?dryRun=All", """{"spec":{"suspend":true}}""", MergePatch);
        Assert.True(patched.Body!["spec"]!["suspend"]!.GetValue<bool>());
        Assert.Equal(2, patched.Body["metadata"]!["generation"]!.GetValue<long>());
        var stored = await api.SendAsync(HttpMethod.Get, Workflows + "/dry");
        Assert.False(stored.Body!["spec"]!["suspend"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Delete, Workflows + "/dry?dryRun=All")).Code);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, Workflows + "/dry")).Code);
    }

    internal static string Workflow(string name, string function = """{"name":"a","image":"i"}""", string extra = "\"regions\":[\"us-east-1\"]") =>
        new JsonObject
        {
            ["apiVersion"] = "tern.dev/v1alpha1",
            ["kind"] = "ServerlessWorkflow",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = JsonNode.Parse($$"""
                {"homeRegion":"us-east-1","entrypoint":"a","executionRoleArn":"arn:aws:iam::1:role/r","functions":[{{function}}],{{extra}}}
                """),
        }.ToJsonString();
}

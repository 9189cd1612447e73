using Tern.Sandbox.Tests.Support;

namespace Tern.Sandbox.Tests.Validation;

public class KubectlValidationTests
{
    [Theory]
    [MemberData(nameof(Kubectl.Versions), MemberType = typeof(Kubectl))]
    public async Task A_cel_rule_violation_is_refused_with_the_rules_message(string version)
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var result = await sandbox.KubectlWithInputAsync(Kubectl.Of(version), Manifests.Workflow("cel", regions: "[eu-west-1, ca-central-1]"),
            "apply", "-f", "-");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(
            "The ServerlessWorkflow \"cel\" is invalid: spec.regions: Invalid value: \"object\": spec.regions must include spec.homeRegion",
            result.Output, StringComparison.Ordinal);
        Assert.Null(await sandbox.GetAsync("/apis/tern.dev/v1alpha1/namespaces/default/serverlessworkflows/cel"));
    }

    [Fact]
    public async Task Kubectl_1_35_asks_for_strict_field_validation_and_warn_only_warns()
    {
        await using var sandbox = await SandboxFixture.StartAsync();
        var unknown = Manifests.Workflow("strict", extraFunctionFields: "\n      memory: 512");

        var strict = await sandbox.KubectlWithInputAsync(Kubectl.V135, unknown, "apply", "-f", "-");
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("strict decoding error: unknown field \"spec.functions[0].memory\"", strict.Output, StringComparison.Ordinal);

        var warned = await sandbox.KubectlWithInputAsync(Kubectl.V135, unknown, "apply", "--validate=warn", "-f", "-");
        Assert.True(warned.ExitCode == 0, warned.Output);
        Assert.Contains("Warning: unknown field \"spec.functions[0].memory\"", warned.Stderr, StringComparison.Ordinal);
        var stored = await sandbox.GetAsync("/apis/tern.dev/v1alpha1/namespaces/default/serverlessworkflows/strict");
        Assert.Null(stored!["spec"]!["functions"]![0]!["memory"]);
    }
}

using System.Text.Json;
using Tern.Aws.Ecr.Client;
using Tern.Aws.Http;
using Tern.Aws.Lambda.Client;
using Tern.Aws.Placement;
using Tern.Aws.Registry;
using Tern.Aws.Tests.Fixtures;

namespace Tern.Aws.Tests.Iam;

/// <summary>config/iam/tern-policy.json grants exactly the actions the code issues.</summary>
public sealed class IamPolicyTests
{
    internal static readonly IReadOnlyList<AwsOperation> Declared =
        [.. LambdaOperations.All, .. EcrOperations.All, .. RegistryOperations.All, .. DynamoDbOperations.All];

    [Fact]
    public void Every_action_the_clients_declare_is_in_the_policy_and_the_policy_grants_nothing_else()
    {
        var granted = PolicyActions();
        var needed = Declared.Select(o => o.IamAction).Append(LambdaOperations.PassRoleAction).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(needed.Except(granted).Order());
        Assert.Empty(granted.Except(needed).Order());
    }

    [Fact]
    public void Every_operations_class_lists_all_its_operations()
    {
        foreach (var type in new[] { typeof(LambdaOperations), typeof(EcrOperations), typeof(RegistryOperations), typeof(DynamoDbOperations) })
        {
            var fields = type.GetFields().Where(f => f.FieldType == typeof(AwsOperation)).Select(f => (AwsOperation)f.GetValue(null)!);
            var all = (IReadOnlyList<AwsOperation>)type.GetProperty("All")!.GetValue(null)!;
            Assert.Equal(fields.Select(o => o.Name).Order(), all.Select(o => o.Name).Order());
        }
    }

    internal static HashSet<string> PolicyActions()
    {
        using var policy = JsonDocument.Parse(File.ReadAllText(RepoPaths.IamPolicy));
        return policy.RootElement.GetProperty("Statement").EnumerateArray()
            .SelectMany(s => s.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!))
            .ToHashSet(StringComparer.Ordinal);
    }
}

using k8s.Models;
using Tern.Entities.ServerlessWorkflows;

namespace Tern.Entities.Tests.Validation;

/// <summary>A valid three-function workflow (ingest → resize → store) that tests break one rule at a time.</summary>
internal static class Workflows
{
    public const string Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0";

    public static FunctionSpec Function(string name, params string[] calls) => new()
    {
        Name = name,
        Image = Image,
        Calls = [.. calls.Select(c => new CallSpec { Function = c })],
    };

    public static ServerlessWorkflowSpec Spec(params FunctionSpec[] functions) => new()
    {
        HomeRegion = "us-east-1",
        Regions = ["us-east-1", "us-west-2", "ca-central-1"],
        ExecutionRoleArn = "arn:aws:iam::123456789012:role/tern-workflow",
        Entrypoint = functions.Length > 0 ? functions[0].Name : "ingest",
        Functions = functions.Length > 0 ? functions : [Function("ingest", "resize"), Function("resize", "store"), Function("store")],
    };

    public static ServerlessWorkflow Create(ServerlessWorkflowSpec? spec = null, string name = "thumbnails") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = spec ?? Spec(),
    };
}

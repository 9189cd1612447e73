using k8s;
using k8s.Models;
using Tern.Entities.Schema;

namespace Tern.Entities.ServerlessWorkflows;

/// <summary>A workflow of AWS Lambda functions (a DAG) that Tern deploys to several regions and
/// re-places, hour by hour, where the grid is cleanest within the owner's cost and latency limits.</summary>
[KubernetesEntity(Group = TernApi.Group, ApiVersion = TernApi.Version, Kind = KindName, PluralName = "serverlessworkflows")]
[ShortNames("swf")]
[PrinterColumn("Home", "string", ".spec.homeRegion", "Region that runs the whole workflow when no plan applies.")]
[PrinterColumn("Plan", "string", ".status.plan.summary", "The active plan: algorithm and regions used.")]
[PrinterColumn("Savings", "string", ".status.plan.carbonSavings", "Expected carbon saved per invocation against the home placement.")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the workflow is deployed and routed as planned.")]
[PrinterColumn("Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", "Why the workflow is or is not ready.", Priority = 1)]
[PrinterColumn("Invocations", "integer", ".status.invocations.total", "Invocations recorded since the workflow was created.", Priority = 1)]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", "Time since the workflow was created.")]
public sealed class ServerlessWorkflow : IKubernetesObject<V1ObjectMeta>, ISpec<ServerlessWorkflowSpec>, IStatus<ServerlessWorkflowStatus?>
{
    public const string KindName = "ServerlessWorkflow";

    /// <summary>API version of this object: tern.dev/v1alpha1.</summary>
    public string ApiVersion { get; set; } = TernApi.ApiVersion;

    /// <summary>Kind of this object: ServerlessWorkflow.</summary>
    public string Kind { get; set; } = KindName;

    /// <summary>Standard object metadata.</summary>
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>What the owner wants: the functions, where they may run and the limits of the plan.</summary>
    public ServerlessWorkflowSpec Spec { get; set; } = new();

    /// <summary>What Tern observed and did: the active plan, deployed copies and conditions.</summary>
    public ServerlessWorkflowStatus? Status { get; set; }
}

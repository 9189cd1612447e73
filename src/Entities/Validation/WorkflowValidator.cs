using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;

namespace Tern.Entities.Validation;

/// <summary>Checks a ServerlessWorkflow beyond what its schema can: the call graph, regions, Lambda
/// limits and constraints. Every problem is reported, not only the first.</summary>
public sealed class WorkflowValidator(RegionCatalogue catalogue)
{
    /// <summary>Every problem of the workflow; empty when it is valid.</summary>
    public IReadOnlyList<ValidationError> Validate(ServerlessWorkflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var errors = new List<ValidationError>();
        var name = workflow.Metadata?.Name ?? "";
        MetadataRules.CheckName(name, "a ServerlessWorkflow", KubernetesNames.IsDns1123Label,
            "a DNS-1123 label (lower-case letters, digits and '-', at most 63; no '.', because Lambda function names cannot hold one)", errors);

        var spec = workflow.Spec ?? new ServerlessWorkflowSpec();
        RoleRules.Check(spec, errors);
        var regions = new RegionRules(catalogue, spec);
        regions.Check(errors);
        FunctionRules.Check(spec, name, regions, errors);
        CallGraphRules.Check(spec, errors);
        ConstraintRules.Check(spec.Constraints ?? new ConstraintsSpec(), errors);
        PlanningRules.Check(spec.Planning ?? new PlanningSpec(), errors);
        return errors;
    }
}

using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Tern.Entities.Schema;

namespace Tern.Entities.ServerlessWorkflows;

/// <summary>What the owner wants: the functions, where they may run and the limits of the plan.</summary>
[CelRule("self.functions.exists(f, f.name == self.entrypoint)",
    "spec.entrypoint must be the name of one of spec.functions", FieldPath = ".entrypoint")]
[CelRule("!has(self.excludedRegions) || !self.excludedRegions.exists(r, r == self.homeRegion)",
    "spec.homeRegion must not be in spec.excludedRegions: the home region is the fallback placement", FieldPath = ".excludedRegions")]
[CelRule("!has(self.regions) || size(self.regions) == 0 || self.regions.exists(r, r == self.homeRegion)",
    "spec.regions must include spec.homeRegion: the home region is the fallback placement", FieldPath = ".regions")]
public sealed record ServerlessWorkflowSpec
{
    /// <summary>The AWS region (for example us-east-1) that runs the whole workflow when no plan applies.
    /// Container images live in this region's ECR and are copied from there to other regions.</summary>
    [Required]
    [MaxLength(32)]
    public string HomeRegion { get; init; } = "";

    /// <summary>Regions the planner may use. Empty means every region of Tern's region catalogue.
    /// Must include homeRegion when given.</summary>
    [MaxLength(64)]
    [ItemMaxLength(32)]
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Regions the planner must never use, for example for data-residency rules.</summary>
    [MaxLength(64)]
    [ItemMaxLength(32)]
    public IReadOnlyList<string> ExcludedRegions { get; init; } = [];

    /// <summary>Name of the cluster-scoped CarbonSource that supplies grid carbon intensity.</summary>
    [DefaultValue("default")]
    [MaxLength(253)]
    public string CarbonSourceRef { get; init; } = "default";

    /// <summary>ARN of the IAM role every function copy runs as, for example
    /// arn:aws:iam::123456789012:role/tern-workflow.</summary>
    [Required]
    [MaxLength(2048)]
    public string ExecutionRoleArn { get; init; } = "";

    /// <summary>Name of the function that starts the workflow. It must not be called by another function.</summary>
    [Required]
    [MaxLength(63)]
    public string Entrypoint { get; init; } = "";

    /// <summary>The functions of the workflow and the calls between them (a directed acyclic graph).</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(64)]
    [ListMapKeys("name")]
    public IReadOnlyList<FunctionSpec> Functions { get; init; } = [];

    /// <summary>Limits a plan must keep (hard) or should keep (soft), and what matters most.</summary>
    public ConstraintsSpec Constraints { get; init; } = new();

    /// <summary>How and when Tern plans.</summary>
    public PlanningSpec Planning { get; init; } = new();

    /// <summary>What happens to the function copies in AWS when the workflow is deleted.</summary>
    [DefaultValue(DeletionPolicy.Delete)]
    public DeletionPolicy DeletionPolicy { get; init; } = DeletionPolicy.Delete;

    /// <summary>When true, Tern stops planning and changing AWS; the last published placement stays.</summary>
    [DefaultValue(false)]
    public bool Suspend { get; init; }
}

/// <summary>What happens to the function copies in AWS when the workflow is deleted.</summary>
public enum DeletionPolicy
{
    /// <summary>Delete every copy Tern created.</summary>
    Delete,
    /// <summary>Leave every copy in place.</summary>
    Retain,
}

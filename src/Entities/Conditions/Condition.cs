using System.ComponentModel.DataAnnotations;

namespace Tern.Entities.Conditions;

/// <summary>The observed state of one aspect of a resource, following the Kubernetes API conventions
/// (<c>metav1.Condition</c>).</summary>
public sealed record Condition
{
    /// <summary>Type of condition in CamelCase, for example <c>Ready</c>.</summary>
    [MaxLength(316)]
    [RegularExpression(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")]
    public required string Type { get; init; }

    /// <summary>Status of the condition: True, False or Unknown.</summary>
    public required ConditionStatus Status { get; init; }

    /// <summary>The metadata.generation the condition was set from; older than the resource's generation
    /// means the condition is out of date.</summary>
    [Range(0, long.MaxValue)]
    public long ObservedGeneration { get; init; }

    /// <summary>When the condition last changed from one status to another.</summary>
    public required DateTimeOffset LastTransitionTime { get; init; }

    /// <summary>A one-word CamelCase reason for the last transition, for concise output.</summary>
    [MinLength(1)]
    [MaxLength(1024)]
    [RegularExpression("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")]
    public required string Reason { get; init; }

    /// <summary>A human-readable message with details about the transition; may be empty.</summary>
    [MaxLength(32768)]
    public required string Message { get; init; }
}

/// <summary>Status of a condition.</summary>
public enum ConditionStatus
{
    True,
    False,
    Unknown,
}

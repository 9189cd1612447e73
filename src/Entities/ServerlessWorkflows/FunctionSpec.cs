using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tern.Entities.Schema;

namespace Tern.Entities.ServerlessWorkflows;

/// <summary>One function of the workflow: its container image, its Lambda settings and its calls.</summary>
public sealed record FunctionSpec
{
    /// <summary>Name of the function, unique in the workflow; a DNS-1123 label (lower-case letters,
    /// digits and '-').</summary>
    [Required]
    [MaxLength(63)]
    public string Name { get; init; } = "";

    /// <summary>Container image in the home region's ECR, for example
    /// 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0 (Lambda runs images from ECR only).</summary>
    [Required]
    [MaxLength(512)]
    public string Image { get; init; } = "";

    /// <summary>Memory of the function in MiB (128 to 10240); Lambda gives CPU in proportion to it.</summary>
    [DefaultValue(128)]
    [Range(LambdaLimits.MinMemoryMiB, LambdaLimits.MaxMemoryMiB)]
    public int MemoryMiB { get; init; } = 128;

    /// <summary>Longest run of one invocation in seconds (1 to 900).</summary>
    [DefaultValue(3)]
    [Range(LambdaLimits.MinTimeoutSeconds, LambdaLimits.MaxTimeoutSeconds)]
    public int TimeoutSeconds { get; init; } = 3;

    /// <summary>Instruction set of the image.</summary>
    [DefaultValue(Architecture.X86_64)]
    public Architecture Architecture { get; init; } = Architecture.X86_64;

    /// <summary>Environment variables of the function (Lambda allows 4 KB in all).</summary>
    [MaxLength(64)]
    [ItemMaxLength(4096)]
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Functions this one calls when it finishes. Calling the same function several times
    /// (for example once per image transformation) runs it several times, each placed on its own.</summary>
    [MaxLength(32)]
    public IReadOnlyList<CallSpec> Calls { get; init; } = [];

    /// <summary>True for a fan-in: the function runs once, after all of its callers have finished.</summary>
    [DefaultValue(false)]
    public bool Join { get; init; }

    /// <summary>Regions this function may use, overriding spec.regions (for example to pin a stage
    /// for compliance). Must include the home region.</summary>
    [MaxLength(64)]
    [ItemMaxLength(32)]
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Regions this function must never use, in addition to spec.excludedRegions.</summary>
    [MaxLength(64)]
    [ItemMaxLength(32)]
    public IReadOnlyList<string> ExcludedRegions { get; init; } = [];

    /// <summary>Estimates used for planning until enough real invocations have been recorded.</summary>
    public FunctionProfile? Profile { get; init; }
}

/// <summary>Instruction set of a Lambda function.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "Spelled as Lambda spells it.")]
public enum Architecture
{
    [JsonStringEnumMemberName("x86_64")]
    X86_64,
    [JsonStringEnumMemberName("arm64")]
    Arm64,
}

/// <summary>A call from one function to another.</summary>
public sealed record CallSpec
{
    /// <summary>Name of the function that is called.</summary>
    [Required]
    [MaxLength(63)]
    public string Function { get; init; } = "";

    /// <summary>Prior probability (0 to 1) that the call happens on an invocation, used until real
    /// invocations are recorded. Omit for a call that always happens.</summary>
    [Range(0.0, 1.0)]
    [DefaultValue(1.0)]
    public double Probability { get; init; } = 1.0;
}

/// <summary>Estimates of how a function behaves, used for planning before invocations are recorded.</summary>
public sealed record FunctionProfile
{
    /// <summary>Typical run time of one invocation in the home region, in milliseconds.</summary>
    [Range(0, int.MaxValue)]
    public int? RuntimeMilliseconds { get; init; }

    /// <summary>Typical size of the payload this function sends to each function it calls, in bytes.</summary>
    [Range(0, long.MaxValue)]
    public long? OutputBytes { get; init; }

    /// <summary>Typical CPU utilisation while running, in percent (0 to 100).</summary>
    [Range(0, 100)]
    public int? CpuUtilizationPercent { get; init; }
}

using System.Globalization;
using Tern.Aws.Lambda.Model;

namespace Tern.Aws.Lambda;

/// <summary>The mechanical part of managing a copy: desired copy → Lambda requests, Lambda answers → observed copy,
/// and the field-by-field comparison. What to do about a difference is decided in <see cref="FunctionCopyManager"/>.</summary>
internal static class FunctionCopyMapping
{
    public static CreateFunctionRequest ToCreate(FunctionCopy desired) => new()
    {
        FunctionName = desired.FunctionName,
        Role = desired.RoleArn,
        Code = new FunctionCode(desired.ImageUri),
        PackageType = "Image",
        MemorySize = desired.MemoryMiB,
        Timeout = desired.TimeoutSeconds,
        Architectures = [desired.Architecture],
        Environment = new FunctionEnvironment(desired.Environment),
        Tags = desired.Owner.Tags,
        Description = $"Tern copy of {desired.Owner.Namespace}/{desired.Owner.Workflow} function {desired.Owner.Function}",
    };

    public static UpdateFunctionCodeRequest ToCodeUpdate(FunctionCopy desired, ObservedCopy latest) => new()
    {
        FunctionName = desired.FunctionName,
        ImageUri = desired.ImageUri,
        Architectures = [desired.Architecture],
        RevisionId = latest.RevisionId,
    };

    public static UpdateFunctionConfigurationRequest ToConfigurationUpdate(FunctionCopy desired, ObservedCopy latest) => new()
    {
        FunctionName = desired.FunctionName,
        Role = desired.RoleArn,
        MemorySize = desired.MemoryMiB,
        Timeout = desired.TimeoutSeconds,
        Environment = new FunctionEnvironment(desired.Environment),
        RevisionId = latest.RevisionId,
    };

    public static ObservedCopy Observe(string region, GetFunctionResponse response)
    {
        var configuration = response.Configuration ?? new FunctionConfiguration();
        return Observe(region, configuration, response.Tags) with { ImageUri = response.Code?.ImageUri };
    }

    public static ObservedCopy Observe(string region, FunctionConfiguration configuration, IReadOnlyDictionary<string, string>? tags) => new()
    {
        FunctionName = configuration.FunctionName ?? "",
        Region = region,
        FunctionArn = configuration.FunctionArn,
        State = configuration.State,
        StateReason = Reason(configuration.StateReasonCode, configuration.StateReason),
        LastUpdateStatus = configuration.LastUpdateStatus,
        LastUpdateStatusReason = Reason(configuration.LastUpdateStatusReasonCode, configuration.LastUpdateStatusReason),
        CodeSha256 = configuration.CodeSha256,
        MemoryMiB = configuration.MemorySize,
        TimeoutSeconds = configuration.Timeout,
        Architecture = configuration.Architectures is { Count: > 0 } architectures ? architectures[0] : "x86_64",
        RoleArn = configuration.Role,
        Environment = configuration.Environment?.Variables ?? new Dictionary<string, string>(),
        Tags = tags ?? new Dictionary<string, string>(),
        RevisionId = configuration.RevisionId,
    };

    /// <summary>Compares a copy with what it must be. The image counts as changed when Lambda's CodeSha256 is not the
    /// desired digest: the digest Lambda resolved, not the URI it was given back.</summary>
    public static CopyDelta Delta(FunctionCopy desired, ObservedCopy latest)
    {
        var fields = new List<string>();
        var digestHex = desired.ImageDigest["sha256:".Length..];
        var code = false;
        if (!string.Equals(latest.CodeSha256, digestHex, StringComparison.OrdinalIgnoreCase))
        {
            fields.Add($"image digest {Short(latest.CodeSha256)}→{Short(digestHex)}");
            code = true;
        }
        if (!string.Equals(latest.Architecture, desired.Architecture, StringComparison.Ordinal))
        {
            fields.Add($"architecture {latest.Architecture}→{desired.Architecture}");
            code = true;
        }
        var configuration = false;
        void Check(string name, string? actual, string wanted)
        {
            if (!string.Equals(actual, wanted, StringComparison.Ordinal))
            {
                fields.Add($"{name} {actual ?? "unset"}→{wanted}");
                configuration = true;
            }
        }
        Check("memoryMiB", latest.MemoryMiB?.ToString(CultureInfo.InvariantCulture), desired.MemoryMiB.ToString(CultureInfo.InvariantCulture));
        Check("timeoutSeconds", latest.TimeoutSeconds?.ToString(CultureInfo.InvariantCulture),
            desired.TimeoutSeconds.ToString(CultureInfo.InvariantCulture));
        Check("role", latest.RoleArn, desired.RoleArn);
        if (!SameEntries(latest.Environment, desired.Environment))
        {
            // Values are not shown: environment variables may hold secrets.
            fields.Add("environment");
            configuration = true;
        }
        var tags = desired.Owner.Tags.Any(t => !latest.Tags.TryGetValue(t.Key, out var value) || value != t.Value);
        if (tags)
        {
            fields.Add("ownership tags");
        }
        return new CopyDelta(code, configuration, tags, fields);
    }

    private static bool SameEntries(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var value) && value == e.Value);

    private static string? Reason(string? code, string? reason) =>
        (code, reason) switch
        {
            (null, null) => null,
            (null, _) => reason,
            (_, null) => code,
            _ => $"{code}: {reason}",
        };

    private static string Short(string? hex) => hex is null ? "none" : hex.Length > 12 ? hex[..12] : hex;
}

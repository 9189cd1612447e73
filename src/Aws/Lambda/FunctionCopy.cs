namespace Tern.Aws.Lambda;

/// <summary>What one regional copy of a workflow function must be. The image is named by digest, so a changed
/// image is a changed digest, which Lambda reports back as CodeSha256.</summary>
public sealed record FunctionCopy
{
    /// <summary>The Lambda function name in the region.</summary>
    public required string FunctionName { get; init; }

    public required string Region { get; init; }

    /// <summary>{registry}/{repository}@sha256:{hex}, in the region's own registry.</summary>
    public required string ImageUri { get; init; }

    public required int MemoryMiB { get; init; }

    public required int TimeoutSeconds { get; init; }

    /// <summary>x86_64 or arm64.</summary>
    public required string Architecture { get; init; }

    public required string RoleArn { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Which workflow function this is a copy of; written as the copy's tags.</summary>
    public required CopyOwner Owner { get; init; }

    /// <summary>sha256:{hex} from <see cref="ImageUri"/>.</summary>
    /// <exception cref="ArgumentException">The image URI does not end in @sha256:{hex}.</exception>
    public string ImageDigest
    {
        get
        {
            var at = ImageUri.LastIndexOf('@');
            return at > 0 && ImageUri.AsSpan(at + 1).StartsWith("sha256:", StringComparison.Ordinal)
                ? ImageUri[(at + 1)..]
                : throw new ArgumentException($"Image '{ImageUri}' is not named by digest (…@sha256:…); Tern deploys images by digest.");
        }
    }
}

/// <summary>The workflow function a copy belongs to.</summary>
public sealed record CopyOwner(string Namespace, string Workflow, string Function)
{
    /// <summary>The tags that mark a Lambda function as this copy.</summary>
    public IReadOnlyDictionary<string, string> Tags => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CopyTags.Namespace] = Namespace,
        [CopyTags.Workflow] = Workflow,
        [CopyTags.Function] = Function,
    };

    /// <summary>The owner named by <paramref name="tags"/>, or null when they do not name one.</summary>
    public static CopyOwner? FromTags(IReadOnlyDictionary<string, string>? tags) =>
        tags is not null && tags.TryGetValue(CopyTags.Namespace, out var ns) && tags.TryGetValue(CopyTags.Workflow, out var workflow) &&
        tags.TryGetValue(CopyTags.Function, out var function)
            ? new CopyOwner(ns, workflow, function)
            : null;
}

/// <summary>The tag keys that mark Tern's copies.</summary>
public static class CopyTags
{
    public const string Workflow = "tern.dev/workflow";
    public const string Namespace = "tern.dev/namespace";
    public const string Function = "tern.dev/function";
}

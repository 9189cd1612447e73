namespace Tern.Aws.Lambda.Model;

/// <summary>TagResource: add or overwrite tags on a function (by ARN).</summary>
public sealed record TagResourceRequest(string Resource, IReadOnlyDictionary<string, string> Tags);

/// <summary>ListTags' answer.</summary>
public sealed record ListTagsResponse
{
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

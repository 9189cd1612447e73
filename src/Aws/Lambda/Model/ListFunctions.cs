namespace Tern.Aws.Lambda.Model;

/// <summary>One page of ListFunctions.</summary>
public sealed record ListFunctionsRequest
{
    /// <summary>The NextMarker of the previous page, or null for the first.</summary>
    public string? Marker { get; init; }

    /// <summary>Page size (1–10000; Lambda's default is 50).</summary>
    public int? MaxItems { get; init; }
}

/// <summary>A page of functions and the marker of the next page (null on the last).</summary>
public sealed record ListFunctionsResponse
{
    public IReadOnlyList<FunctionConfiguration>? Functions { get; init; }

    public string? NextMarker { get; init; }
}

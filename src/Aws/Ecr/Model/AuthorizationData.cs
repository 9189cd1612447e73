namespace Tern.Aws.Ecr.Model;

/// <summary>GetAuthorizationToken's answer.</summary>
public sealed record GetAuthorizationTokenResponse
{
    public IReadOnlyList<AuthorizationData>? AuthorizationData { get; init; }
}

/// <summary>A registry login: base64 of "AWS:password", valid for 12 hours. ToString never shows the token.</summary>
public sealed record AuthorizationData
{
    public string? AuthorizationToken { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>https://{account}.dkr.ecr.{region}.{suffix}.</summary>
    public string? ProxyEndpoint { get; init; }

    public override string ToString() =>
        $"AuthorizationData {{ AuthorizationToken = ***, ExpiresAt = {ExpiresAt:O}, ProxyEndpoint = {ProxyEndpoint} }}";
}

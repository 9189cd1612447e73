namespace Tern.Aws;

/// <summary>Credentials given explicitly (the sandbox, tests, a Secret mounted by the operator) instead of the default
/// chain. ToString never shows the secret or the session token, so the record can be logged safely.</summary>
public sealed record AwsStaticCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    public override string ToString() =>
        $"AwsStaticCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ***, SessionToken = {(SessionToken is null ? "none" : "***")} }}";
}

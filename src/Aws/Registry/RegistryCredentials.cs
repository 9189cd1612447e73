namespace Tern.Aws.Registry;

/// <summary>A registry login (basic auth; ECR's token decodes to one). ToString never shows the password.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    public override string ToString() => $"RegistryCredentials {{ Username = {Username}, Password = *** }}";
}

namespace Tern.Entities;

/// <summary>The API group and version that Tern's custom resources belong to.</summary>
public static class TernApi
{
    public const string Group = "tern.dev";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
}

namespace Tern.Entities.ServerlessWorkflows;

/// <summary>Limits that AWS Lambda itself enforces, kept in one place for the schema and the validator.</summary>
public static class LambdaLimits
{
    public const int MinMemoryMiB = 128;
    public const int MaxMemoryMiB = 10240;
    public const int MinTimeoutSeconds = 1;
    public const int MaxTimeoutSeconds = 900;
    public const int MaxFunctionNameLength = 64;
}

using System.Text.RegularExpressions;

namespace Tern.Entities.Validation;

/// <summary>The names and identifiers AWS accepts, and the names Tern derives from a workflow.</summary>
public static partial class AwsNames
{
    /// <summary>Name of the Lambda function that runs one function of a workflow in one region.
    /// The region is part of the name so copies in different regions are told apart in logs and bills.</summary>
    public static string LambdaFunctionName(string workflow, string function, string region) =>
        $"{workflow}-{function}-{region}";

    /// <summary>The parts of an ECR image URI, or null when the text is not one.</summary>
    public static EcrImage? ParseEcrImage(string image)
    {
        var match = EcrImagePattern().Match(image);
        return match.Success
            ? new EcrImage(match.Groups["account"].Value, match.Groups["region"].Value, match.Groups["repo"].Value, match.Groups["ref"].Value)
            : null;
    }

    /// <summary>True for an IAM role ARN such as arn:aws:iam::123456789012:role/tern-workflow.</summary>
    public static bool IsRoleArn(string arn) => RoleArnPattern().IsMatch(arn);

    /// <summary>True for a Lambda environment variable name (a letter, then letters, digits or '_').</summary>
    public static bool IsEnvironmentVariableName(string name) => EnvNamePattern().IsMatch(name);

    /// <summary>Variables the Lambda runtime sets itself; Lambda rejects functions that set them.</summary>
    public static IReadOnlySet<string> ReservedEnvironmentVariables { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    };

    [GeneratedRegex(@"^(?<account>[0-9]{12})\.dkr\.ecr\.(?<region>[a-z0-9-]+)\.amazonaws\.com(\.cn)?/" +
        @"(?<repo>[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)(?<ref>:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$")]
    private static partial Regex EcrImagePattern();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]*$")]
    private static partial Regex EnvNamePattern();
}

/// <summary>An image in Amazon ECR.</summary>
/// <param name="Account">12-digit AWS account of the registry.</param>
/// <param name="Region">Region of the registry.</param>
/// <param name="Repository">Repository name.</param>
/// <param name="Reference">The tag (":1.0") or digest ("@sha256:…").</param>
public sealed record EcrImage(string Account, string Region, string Repository, string Reference);

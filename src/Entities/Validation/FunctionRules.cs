using System.Text;
using Tern.Entities.ServerlessWorkflows;

namespace Tern.Entities.Validation;

/// <summary>Names, Lambda limits, images and environment of each function.</summary>
internal static class FunctionRules
{
    // Lambda caps the total size of a function's environment variables at 4 KB.
    private const int MaxEnvironmentBytes = 4096;

    public static void Check(ServerlessWorkflowSpec spec, string workflowName, RegionRules regions, List<ValidationError> errors)
    {
        if (spec.Functions.Count == 0)
        {
            errors.Add(new("spec.functions", "is empty: a workflow needs at least one function.", "Add a function and name it in spec.entrypoint."));
        }
        var firstIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Functions.Count; i++)
        {
            var function = spec.Functions[i];
            var path = FieldPath.Index("spec.functions", i);
            CheckName(function, path, i, firstIndexByName, errors);
            CheckLimits(function, path, errors);
            CheckImage(function, path, regions.HomeIsKnown ? spec.HomeRegion : "", errors);
            CheckEnvironment(function, path, errors);
            CheckProfile(function, path, errors);
            CheckLambdaNameLength(workflowName, function, path, regions, errors);
        }
    }

    private static void CheckName(FunctionSpec function, string path, int index, Dictionary<string, int> firstIndexByName,
        List<ValidationError> errors)
    {
        var namePath = FieldPath.Field(path, "name");
        if (string.IsNullOrEmpty(function.Name))
        {
            errors.Add(new(namePath, "is required.", "Give every function a name that is unique in the workflow."));
            return;
        }
        if (!KubernetesNames.IsDns1123Label(function.Name))
        {
            errors.Add(new(namePath, $"'{function.Name}' is not a DNS-1123 label.",
                "Use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit."));
        }
        if (!firstIndexByName.TryAdd(function.Name, index))
        {
            errors.Add(new(namePath, $"'{function.Name}' is also the name of spec.functions[{firstIndexByName[function.Name]}].",
                "Give every function a unique name."));
        }
    }

    private static void CheckLimits(FunctionSpec function, string path, List<ValidationError> errors)
    {
        if (function.MemoryMiB is < LambdaLimits.MinMemoryMiB or > LambdaLimits.MaxMemoryMiB)
        {
            errors.Add(new(FieldPath.Field(path, "memoryMiB"), $"{function.MemoryMiB} is outside the range Lambda allows.",
                $"Use a value from {LambdaLimits.MinMemoryMiB} to {LambdaLimits.MaxMemoryMiB} MiB."));
        }
        if (function.TimeoutSeconds is < LambdaLimits.MinTimeoutSeconds or > LambdaLimits.MaxTimeoutSeconds)
        {
            errors.Add(new(FieldPath.Field(path, "timeoutSeconds"), $"{function.TimeoutSeconds} is outside the range Lambda allows.",
                $"Use a value from {LambdaLimits.MinTimeoutSeconds} to {LambdaLimits.MaxTimeoutSeconds} seconds."));
        }
        if (!Enum.IsDefined(function.Architecture))
        {
            errors.Add(new(FieldPath.Field(path, "architecture"), $"'{function.Architecture}' is not a Lambda architecture.",
                "Use x86_64 or arm64."));
        }
    }

    private static void CheckImage(FunctionSpec function, string path, string home, List<ValidationError> errors)
    {
        var imagePath = FieldPath.Field(path, "image");
        var exampleRegion = home.Length > 0 ? home : "us-east-1";
        var example = $"123456789012.dkr.ecr.{exampleRegion}.amazonaws.com/{(function.Name.Length > 0 ? function.Name : "app")}:1.0";
        if (string.IsNullOrEmpty(function.Image))
        {
            errors.Add(new(imagePath, "is required.", $"Set it to the function's container image in the home region's ECR, such as {example}."));
            return;
        }
        var image = AwsNames.ParseEcrImage(function.Image);
        if (image is null)
        {
            errors.Add(new(imagePath, $"'{function.Image}' is not an Amazon ECR image URI with a tag or digest; Lambda runs container images only " +
                $"from ECR.",
                $"Push the image to ECR in the home region and use its URI, such as {example}."));
        }
        else if (home.Length > 0 && image.Region != home)
        {
            errors.Add(new(imagePath, $"the image is in the ECR of {image.Region}, but the home region is {home}; Lambda needs the image in the " +
                $"function's own region, and Tern copies it there from the home region.",
                $"Push the image to {home}'s ECR and use that URI, or set spec.homeRegion to {image.Region}."));
        }
    }

    private static void CheckEnvironment(FunctionSpec function, string path, List<ValidationError> errors)
    {
        var envPath = FieldPath.Field(path, "env");
        var bytes = 0;
        foreach (var (key, value) in function.Env)
        {
            var keyPath = FieldPath.Key(envPath, key);
            if (!AwsNames.IsEnvironmentVariableName(key))
            {
                errors.Add(new(keyPath, $"'{key}' is not a valid environment variable name for Lambda.",
                    "Start with a letter and use only letters, digits and '_'."));
            }
            else if (AwsNames.ReservedEnvironmentVariables.Contains(key))
            {
                errors.Add(new(keyPath, $"'{key}' is set by the Lambda runtime and cannot be set by a function.", "Rename the variable."));
            }
            bytes += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value ?? "");
        }
        if (bytes > MaxEnvironmentBytes)
        {
            errors.Add(new(envPath, $"the variables take {bytes} bytes; Lambda allows {MaxEnvironmentBytes} bytes in all.",
                "Move large values to a file in the image or to a parameter store."));
        }
    }

    private static void CheckProfile(FunctionSpec function, string path, List<ValidationError> errors)
    {
        if (function.Profile is not { } profile)
        {
            return;
        }
        var profilePath = FieldPath.Field(path, "profile");
        if (profile.RuntimeMilliseconds is < 0)
        {
            errors.Add(new(FieldPath.Field(profilePath, "runtimeMilliseconds"), $"{profile.RuntimeMilliseconds} is negative.",
                "Use the typical run time in milliseconds, 0 or more."));
        }
        else if (profile.RuntimeMilliseconds > function.TimeoutSeconds * 1000L)
        {
            errors.Add(new(FieldPath.Field(profilePath, "runtimeMilliseconds"),
                $"{profile.RuntimeMilliseconds} ms is longer than the function's timeout of {function.TimeoutSeconds} s, so every invocation would " +
                    $"time out.",
                "Lower the estimate or raise timeoutSeconds."));
        }
        if (profile.OutputBytes is < 0)
        {
            errors.Add(new(FieldPath.Field(profilePath, "outputBytes"), $"{profile.OutputBytes} is negative.",
                "Use the typical payload size in bytes, 0 or more."));
        }
        if (profile.CpuUtilizationPercent is < 0 or > 100)
        {
            errors.Add(new(FieldPath.Field(profilePath, "cpuUtilizationPercent"), $"{profile.CpuUtilizationPercent} is not a percentage.",
                "Use a value from 0 to 100."));
        }
    }

    // Each copy is named workflow-function-region; the longest candidate region decides whether every copy fits.
    private static void CheckLambdaNameLength(string workflowName, FunctionSpec function, string path, RegionRules regions,
        List<ValidationError> errors)
    {
        if (workflowName.Length == 0 || string.IsNullOrEmpty(function.Name))
        {
            return;
        }
        var longestRegion = regions.CandidatesFor(function).OrderByDescending(r => r.Length).FirstOrDefault();
        if (longestRegion is null)
        {
            return;
        }
        var lambdaName = AwsNames.LambdaFunctionName(workflowName, function.Name, longestRegion);
        if (lambdaName.Length > LambdaLimits.MaxFunctionNameLength)
        {
            errors.Add(new(FieldPath.Field(path, "name"),
                $"the Lambda function name '{lambdaName}' (workflow-function-region) is {lambdaName.Length} characters; Lambda allows at " +
                    $"most {LambdaLimits.MaxFunctionNameLength}.",
                $"Shorten the workflow name or the function name by {lambdaName.Length - LambdaLimits.MaxFunctionNameLength} characters, or " +
                    $"leave {longestRegion} out of the function's regions."));
        }
    }
}

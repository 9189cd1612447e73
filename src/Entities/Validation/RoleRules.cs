using Tern.Entities.ServerlessWorkflows;

namespace Tern.Entities.Validation;

internal static class RoleRules
{
    public static void Check(ServerlessWorkflowSpec spec, List<ValidationError> errors)
    {
        const string path = "spec.executionRoleArn";
        const string example = "arn:aws:iam::123456789012:role/tern-workflow";
        if (string.IsNullOrEmpty(spec.ExecutionRoleArn))
        {
            errors.Add(new(path, "is required: every function copy runs as this IAM role.",
                $"Set it to the ARN of a role Lambda can assume, such as {example}."));
        }
        else if (!AwsNames.IsRoleArn(spec.ExecutionRoleArn))
        {
            errors.Add(new(path, $"'{spec.ExecutionRoleArn}' is not an IAM role ARN.", $"Use the form {example}."));
        }
    }
}

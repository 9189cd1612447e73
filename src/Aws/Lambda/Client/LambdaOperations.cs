using Tern.Aws.Http;

namespace Tern.Aws.Lambda.Client;

/// <summary>Every Lambda operation the client issues, with its IAM action.</summary>
public static class LambdaOperations
{
    public static readonly AwsOperation CreateFunction = new("lambda", "CreateFunction", "lambda:CreateFunction");
    public static readonly AwsOperation GetFunction = new("lambda", "GetFunction", "lambda:GetFunction");
    public static readonly AwsOperation UpdateFunctionCode = new("lambda", "UpdateFunctionCode", "lambda:UpdateFunctionCode");
    public static readonly AwsOperation UpdateFunctionConfiguration =
        new("lambda", "UpdateFunctionConfiguration", "lambda:UpdateFunctionConfiguration");
    public static readonly AwsOperation DeleteFunction = new("lambda", "DeleteFunction", "lambda:DeleteFunction");
    public static readonly AwsOperation ListFunctions = new("lambda", "ListFunctions", "lambda:ListFunctions");
    public static readonly AwsOperation TagResource = new("lambda", "TagResource", "lambda:TagResource");
    public static readonly AwsOperation ListTags = new("lambda", "ListTags", "lambda:ListTags");
    public static readonly AwsOperation Invoke = new("lambda", "Invoke", "lambda:InvokeFunction", Idempotent: false);

    /// <summary>CreateFunction and UpdateFunctionConfiguration hand the execution role to Lambda.</summary>
    public const string PassRoleAction = "iam:PassRole";

    public static IReadOnlyList<AwsOperation> All { get; } =
        [CreateFunction, GetFunction, UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction, ListFunctions, TagResource, ListTags, Invoke];
}

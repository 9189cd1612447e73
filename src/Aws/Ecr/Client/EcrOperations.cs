using Tern.Aws.Http;

namespace Tern.Aws.Ecr.Client;

/// <summary>Every ECR API operation the client issues, with its IAM action.</summary>
public static class EcrOperations
{
    public static readonly AwsOperation DescribeRepositories = new("ecr", "DescribeRepositories", "ecr:DescribeRepositories");
    public static readonly AwsOperation CreateRepository = new("ecr", "CreateRepository", "ecr:CreateRepository");
    public static readonly AwsOperation DescribeImages = new("ecr", "DescribeImages", "ecr:DescribeImages");
    public static readonly AwsOperation BatchGetImage = new("ecr", "BatchGetImage", "ecr:BatchGetImage");
    public static readonly AwsOperation GetAuthorizationToken = new("ecr", "GetAuthorizationToken", "ecr:GetAuthorizationToken");

    public static IReadOnlyList<AwsOperation> All { get; } = [DescribeRepositories, CreateRepository, DescribeImages, BatchGetImage,
        GetAuthorizationToken];
}

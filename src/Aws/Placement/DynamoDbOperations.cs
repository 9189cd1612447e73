using Tern.Aws.Http;

namespace Tern.Aws.Placement;

/// <summary>Every DynamoDB operation the placement store, the invocation record store and table setup issue, with its IAM
/// action.</summary>
public static class DynamoDbOperations
{
    public static readonly AwsOperation CreateTable = new("dynamodb", "CreateTable", "dynamodb:CreateTable");
    public static readonly AwsOperation DescribeTable = new("dynamodb", "DescribeTable", "dynamodb:DescribeTable");
    public static readonly AwsOperation UpdateTimeToLive = new("dynamodb", "UpdateTimeToLive", "dynamodb:UpdateTimeToLive");
    public static readonly AwsOperation DescribeTimeToLive = new("dynamodb", "DescribeTimeToLive", "dynamodb:DescribeTimeToLive");
    public static readonly AwsOperation GetItem = new("dynamodb", "GetItem", "dynamodb:GetItem");
    public static readonly AwsOperation PutItem = new("dynamodb", "PutItem", "dynamodb:PutItem");
    public static readonly AwsOperation DeleteItem = new("dynamodb", "DeleteItem", "dynamodb:DeleteItem");
    public static readonly AwsOperation Query = new("dynamodb", "Query", "dynamodb:Query");

    public static IReadOnlyList<AwsOperation> All { get; } = [CreateTable, DescribeTable, UpdateTimeToLive, DescribeTimeToLive, GetItem, PutItem,
        DeleteItem, Query];
}

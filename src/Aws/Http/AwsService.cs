namespace Tern.Aws.Http;

/// <summary>An AWS service as far as addressing and signing go.</summary>
/// <param name="SigningName">The name in the SigV4 credential scope.</param>
/// <param name="EndpointPrefix">The host's first labels: https://{prefix}.{region}.{partition suffix}.</param>
/// <param name="EnvironmentKey">The service part of AWS_ENDPOINT_URL_&lt;SERVICE&gt;.</param>
public sealed record AwsService(string SigningName, string EndpointPrefix, string EnvironmentKey)
{
    public static readonly AwsService Lambda = new("lambda", "lambda", "LAMBDA");
    public static readonly AwsService Ecr = new("ecr", "api.ecr", "ECR");
    public static readonly AwsService DynamoDb = new("dynamodb", "dynamodb", "DYNAMODB");

    public override string ToString() => SigningName;
}

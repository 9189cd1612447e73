namespace Tern.Aws.Http;

/// <summary>One operation a client issues, with the IAM action that allows it. Every client declares its operations
/// as static fields of an <c>*Operations</c> class, which is what config/iam's policy is checked against.</summary>
/// <param name="Service">The signing service name: lambda, ecr, dynamodb (registry calls are authorised as ecr).</param>
/// <param name="Name">The operation name, e.g. CreateFunction.</param>
/// <param name="IamAction">The IAM action that allows it, e.g. lambda:CreateFunction.</param>
/// <param name="Idempotent">False for calls whose retry after a server error could do the work twice (Invoke).</param>
public sealed record AwsOperation(string Service, string Name, string IamAction, bool Idempotent = true)
{
    public override string ToString() => $"{Service}:{Name}";
}

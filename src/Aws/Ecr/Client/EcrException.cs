using Tern.Aws.Http;

namespace Tern.Aws.Ecr.Client;

/// <summary>A failed ECR API call, with its failure kind, AWS error code and message and HTTP status.</summary>
public sealed class EcrException : AwsServiceException
{
    public EcrException()
    {
    }

    public EcrException(string message) : base(message)
    {
    }

    public EcrException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public EcrException(string message, AwsFailure failure, Exception? innerException) : base(message, failure, innerException)
    {
    }
}

using Tern.Aws.Http;

namespace Tern.Aws.Lambda.Client;

/// <summary>A failed Lambda call, with its failure kind, AWS error code and message and HTTP status.</summary>
public sealed class LambdaException : AwsServiceException
{
    public LambdaException()
    {
    }

    public LambdaException(string message) : base(message)
    {
    }

    public LambdaException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public LambdaException(string message, AwsFailure failure, Exception? innerException) : base(message, failure, innerException)
    {
    }
}

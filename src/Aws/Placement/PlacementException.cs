using Tern.Aws.Http;

namespace Tern.Aws.Placement;

/// <summary>A failed placement store call (DynamoDB), with its failure kind, AWS error code and HTTP status.</summary>
public sealed class PlacementException : AwsServiceException
{
    public PlacementException()
    {
    }

    public PlacementException(string message) : base(message)
    {
    }

    public PlacementException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public PlacementException(string message, AwsFailure failure, Exception? innerException) : base(message, failure, innerException)
    {
    }
}

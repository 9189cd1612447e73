using Tern.Aws.Http;

namespace Tern.Aws.Registry;

/// <summary>A failed registry (OCI distribution API) call or a failed check of what it returned.</summary>
public sealed class RegistryException : AwsServiceException
{
    public RegistryException()
    {
    }

    public RegistryException(string message) : base(message)
    {
    }

    public RegistryException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public RegistryException(string message, AwsFailure failure, Exception? innerException) : base(message, failure, innerException)
    {
    }
}

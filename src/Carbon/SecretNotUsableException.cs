namespace Tern.Carbon;

/// <summary>A Secret exists but Tern may not use it (for example it lacks <see cref="CarbonSecrets.Label"/>). The message
/// names the Secret and what to change; it becomes the CarbonSource's condition.</summary>
public sealed class SecretNotUsableException : Exception
{
    public SecretNotUsableException()
    {
    }

    public SecretNotUsableException(string message) : base(message)
    {
    }

    public SecretNotUsableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

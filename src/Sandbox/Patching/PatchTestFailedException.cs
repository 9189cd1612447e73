namespace Tern.Sandbox.Patching;

/// <summary>A JSON patch "test" operation did not hold.</summary>
internal sealed class PatchTestFailedException : Exception
{
    public PatchTestFailedException()
    {
    }

    public PatchTestFailedException(string message) : base(message)
    {
    }

    public PatchTestFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

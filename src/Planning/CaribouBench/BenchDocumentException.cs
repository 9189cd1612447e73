namespace Tern.Planning.CaribouBench;

/// <summary>A Caribou bench document that cannot be mapped to a planning problem; the message names what is
/// missing or wrong.</summary>
public sealed class BenchDocumentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BenchDocumentException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public BenchDocumentException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public BenchDocumentException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

namespace Tern.Footprint;

/// <summary>An input the footprint cannot be computed from: a malformed accounting line, a power store that cannot be
/// reached or refuses the query, an intensity source that fails. The message says what and where, and how to fix it.</summary>
public sealed class FootprintInputException : Exception
{
    public FootprintInputException()
    {
    }

    public FootprintInputException(string message) : base(message)
    {
    }

    public FootprintInputException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

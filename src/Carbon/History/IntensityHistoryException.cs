namespace Tern.Carbon.History;

/// <summary>The intensity history could not be read: an invalid CarbonSource, a region the catalogue does not know, a
/// zone the provider does not cover, or a provider that failed. The message says which, with no credential in it.</summary>
public sealed class IntensityHistoryException : Exception
{
    public IntensityHistoryException()
    {
    }

    public IntensityHistoryException(string message) : base(message)
    {
    }

    public IntensityHistoryException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

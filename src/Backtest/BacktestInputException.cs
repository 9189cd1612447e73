namespace Tern.Backtest;

/// <summary>Input a backtest cannot run on (no data for a region, too little history, an unknown region or preset);
/// the message says what, where and how to fix it.</summary>
public sealed class BacktestInputException : Exception
{
    public BacktestInputException()
    {
    }

    public BacktestInputException(string message) : base(message)
    {
    }

    public BacktestInputException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

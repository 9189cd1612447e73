namespace Tern.Planning;

/// <summary>Estimates rounded to six significant digits: far more than the model's accuracy, and few enough
/// that Monte Carlo noise in the last digits neither clutters output nor makes an unchanged status look changed.</summary>
public static class Rounding
{
    public static double SixDigits(double value) =>
        value == 0 || !double.IsFinite(value) ? value : Math.Round(value, Math.Max(0, 5 - (int)Math.Floor(Math.Log10(Math.Abs(value)))));
}

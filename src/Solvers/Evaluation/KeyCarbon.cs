using Tern.Solvers.Model;

namespace Tern.Solvers.Evaluation;

/// <summary>Grid intensity per region for one time key: the mean of the hours the key covers (Caribou used
/// only the key's first hour, which misjudges keys longer than an hour).</summary>
public static class KeyCarbon
{
    /// <summary>gCO2e/kWh per region index for the period [startHour, startHour + hours).</summary>
    public static double[] For(PlanningProblem problem, int startHour, int hours)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return [.. problem.Regions.Select(r => Enumerable.Range(startHour, hours).Average(h => r.HourlyGramsPerKwh[h % 24]))];
    }
}

using Tern.Entities.Regions;
using Tern.Planning.BundledData;

namespace Tern.Planning.Workflows;

/// <summary>Latency samples, in seconds, of one call from a function in one region to a function in another.</summary>
internal static class CallLatencyModel
{
    /// <summary>Number of samples per region pair: enough quantiles for a smooth 95th percentile at little cost.</summary>
    public const int SampleCount = 64;

    /// <summary>Assumption: the fixed cost of invoking a function (the invoke API call, queueing, the callee's
    /// handler start on a warm instance), beyond the network delay. Not measured by CloudPing; 50 ms is a round figure
    /// for a warm asynchronous Lambda invocation. Cold starts are not included.</summary>
    public const double InvocationOverheadSeconds = 0.05;

    /// <summary>Fallback model: fixed delay of a network path, ms.</summary>
    public const double DistanceBaseMs = 2.5;

    /// <summary>Fallback model: delay per great-circle km, ms. Light in fibre takes 5 µs per km one way, 10 µs there and
    /// back (CloudPing's values are round trips too), and fibre routes run about 25 % longer than great circles.</summary>
    public const double DistanceMsPerKm = 0.0125;

    private const double EarthRadiusKm = 6371.0088;

    // Φ⁻¹(0.9): the number of standard deviations between a normal's median and its 90th percentile.
    private const double Z90 = 1.2815515655446004;

    /// <summary>Samples of a lognormal whose median and 90th percentile are CloudPing's p50 and p90, at the quantiles
    /// (k + 0.5) / <see cref="SampleCount"/>, plus <see cref="InvocationOverheadSeconds"/>. CloudPing times one TCP
    /// handshake (about one round trip); a call is taken to cost about that much network time, since an asynchronous
    /// invocation needs at least one round trip before the callee can start.</summary>
    public static double[] FromPercentiles(LatencyPercentiles measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var mu = Math.Log(measured.P50Ms);
        var sigma = Math.Log(measured.P90Ms / measured.P50Ms) / Z90;
        return [.. Enumerable.Range(0, SampleCount)
            .Select(k => Math.Exp(mu + sigma * StandardNormalQuantile((k + 0.5) / SampleCount)) / 1000 + InvocationOverheadSeconds)];
    }

    /// <summary>For a region pair CloudPing does not cover: <see cref="DistanceBaseMs"/> + <see cref="DistanceMsPerKm"/>
    /// per great-circle km, plus <see cref="InvocationOverheadSeconds"/>, the same for every sample (no spread is known).</summary>
    public static double[] FromDistance(Region from, Region to)
    {
        var seconds = (DistanceBaseMs + DistanceMsPerKm * GreatCircleKm(from, to)) / 1000 + InvocationOverheadSeconds;
        return [.. Enumerable.Repeat(seconds, SampleCount)];
    }

    /// <summary>Haversine distance between the regions' approximate coordinates, km.</summary>
    public static double GreatCircleKm(Region from, Region to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(to.Latitude - from.Latitude);
        var dLon = Radians(to.Longitude - from.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Radians(from.Latitude)) * Math.Cos(Radians(to.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Φ⁻¹(p) by Acklam's rational approximation (relative error below 1.2e-9), for 0 &lt; p &lt; 1.</summary>
    public static double StandardNormalQuantile(double p)
    {
        if (!(p is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile needs a probability strictly between 0 and 1.");
        }
        const double Low = 0.02425;
        if (p < Low)
        {
            return Tail(Math.Sqrt(-2 * Math.Log(p)));
        }
        if (p > 1 - Low)
        {
            return -Tail(Math.Sqrt(-2 * Math.Log(1 - p)));
        }
        var q = p - 0.5;
        var r = q * q;
        return (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
            + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
            / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
    }

    private static double Tail(double q) =>
        (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q - 2.549732539343734e+00) * q
            + 4.374664141464968e+00) * q + 2.938163982698783e+00)
        / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q + 3.754408661907416e+00) * q + 1);
}

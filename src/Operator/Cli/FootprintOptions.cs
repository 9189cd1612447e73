using Tern.Entities.Validation;
using Tern.Footprint.Power;

namespace Tern.Operator.Cli;

/// <summary>The command line of `tern footprint jobs`, checked: exactly one job source, exactly one of --region and
/// --zone, a query template with {{node}}, an http(s) power URL, a time zone that exists. Each mistake is a usage error
/// (exit 2) that says what to write.</summary>
internal sealed record FootprintOptions(string? Sacct, string? KubeNamespace, Uri PowerUrl, PowerQueryTemplate Template, bool Kepler,
    string? Region, string? Zone, TimeZoneInfo TimeZone, TimeSpan MaxGap)
{
    public static FootprintOptions Read(string? sacct, string? kubeNamespace, string powerUrl, string? powerQuery, bool kepler, string? region,
        string? zone, string timezone, string maxGap)
    {
        if ((sacct is null) == (kubeNamespace is null))
        {
            throw new UsageException("give the jobs with exactly one of --sacct FILE (Slurm's accounting) and --kube-jobs NAMESPACE (Kubernetes).");
        }
        if (sacct is not null)
        {
            ManifestFiles.RequireFile(sacct, "--sacct", "the output of sacct --parsable2 --format=JobID,Start,End,NodeList");
        }
        if ((region is null) == (zone is null))
        {
            throw new UsageException("give the grid with exactly one of --region (an AWS region, for example eu-west-2) and --zone (a grid zone, " +
                "for example GB).");
        }
        if (!Uri.TryCreate(powerUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--power-url '{powerUrl}' is not an http or https URL; write the store's base URL, for example " +
                "http://127.0.0.1:8428 (VictoriaMetrics) or http://127.0.0.1:9090 (Prometheus).");
        }
        if (powerQuery is null && !kepler)
        {
            throw new UsageException(
                "say where the power is: --power-query 'TEMPLATE' with {{node}} (watts), or --kepler (Kepler's joule counters).");
        }
        var template = PowerQueryTemplate.Parse(powerQuery ?? PowerQueryTemplate.KeplerDefault, out var templateError)
            ?? throw new UsageException($"--power-query {templateError}");
        if (!Durations.TryParse(maxGap, out var gap) || gap < TimeSpan.FromSeconds(30))
        {
            throw new UsageException($"--max-gap '{maxGap}' is not a duration of at least 30s; write one such as 5m or 90s.");
        }
        return new FootprintOptions(sacct, kubeNamespace, url, template, kepler, region, zone, FindTimeZone(timezone), gap);
    }

    private static TimeZoneInfo FindTimeZone(string name)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            var known = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id);
            throw new UsageException($"--timezone '{name}' is not an IANA time zone; write one such as Europe/London, America/Chicago or UTC " +
                $"(the zone the cluster's sacct printed in).{Suggestions.DidYouMean(name, known)}", e);
        }
    }
}

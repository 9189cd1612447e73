using k8s;
using k8s.Models;
using Tern.Entities.Schema;

namespace Tern.Entities.CarbonSources;

/// <summary>Where Tern reads grid carbon intensity for each AWS region, and how it turns the readings
/// into the hour-of-day profile the planner uses.</summary>
[KubernetesEntity(Group = TernApi.Group, ApiVersion = TernApi.Version, Kind = KindName, PluralName = "carbonsources")]
[ClusterScoped]
[ShortNames("cs")]
[PrinterColumn("Provider", "string", ".spec.provider", "Where the carbon intensity comes from.")]
[PrinterColumn("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether a usable snapshot exists.")]
[PrinterColumn("Stale", "string", ".status.conditions[?(@.type==\"Stale\")].status", "Whether refreshes have been failing for three intervals.",
    Priority = 1)]
[PrinterColumn("Last refresh", "date", ".status.lastRefreshTime", "Time of the last successful refresh.")]
[PrinterColumn("Age", "date", ".metadata.creationTimestamp", "Time since the carbon source was created.")]
public sealed class CarbonSource : IKubernetesObject<V1ObjectMeta>, ISpec<CarbonSourceSpec>, IStatus<CarbonSourceStatus?>
{
    public const string KindName = "CarbonSource";

    /// <summary>API version of this object: tern.dev/v1alpha1.</summary>
    public string ApiVersion { get; set; } = TernApi.ApiVersion;

    /// <summary>Kind of this object: CarbonSource.</summary>
    public string Kind { get; set; } = KindName;

    /// <summary>Standard object metadata.</summary>
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The provider, its settings and how readings are aggregated.</summary>
    public CarbonSourceSpec Spec { get; set; } = new();

    /// <summary>The latest snapshot per region and the conditions Ready and Stale.</summary>
    public CarbonSourceStatus? Status { get; set; }
}

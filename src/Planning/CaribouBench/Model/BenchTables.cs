using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tern.Planning.CaribouBench.Model;

/// <summary>The DynamoDB tables Caribou's loaders read (Caribou's deployment_input/components/loaders), keyed as in DynamoDB.</summary>
internal sealed record BenchTables
{
    // Only the keys and their order matter (region index = position), so the values stay unparsed.
    [JsonPropertyName("available_regions_table")] public OrderedDictionary<string, JsonElement>? AvailableRegions { get; init; }
    [JsonPropertyName("provider_region_table")] public IReadOnlyDictionary<string, ProviderRegion>? ProviderRegions { get; init; }
    [JsonPropertyName("carbon_region_table")] public IReadOnlyDictionary<string, CarbonRegion>? CarbonRegions { get; init; }
    [JsonPropertyName("performance_region_table")] public IReadOnlyDictionary<string, PerformanceRegion>? PerformanceRegions { get; init; }
    [JsonPropertyName("workflow_instance_table")] public IReadOnlyDictionary<string, WorkflowData>? WorkflowInstances { get; init; }
}

/// <summary>Provider collector output for one region (Caribou's provider_retriever.py).</summary>
internal sealed record ProviderRegion
{
    [JsonPropertyName("execution_cost")] public ExecutionCost? ExecutionCost { get; init; }
    [JsonPropertyName("transmission_cost")] public TransmissionCost? TransmissionCost { get; init; }
    [JsonPropertyName("pue")] public double? Pue { get; init; }
}

internal sealed record ExecutionCost
{
    [JsonPropertyName("invocation_cost")] public ArchitecturePrices? InvocationCost { get; init; }
    [JsonPropertyName("compute_cost")] public ArchitecturePrices? ComputeCost { get; init; }
}

internal sealed record ArchitecturePrices
{
    [JsonPropertyName("x86_64")] public double? X86 { get; init; }
    [JsonPropertyName("arm64")] public double? Arm { get; init; }
}

internal sealed record TransmissionCost
{
    [JsonPropertyName("provider_data_transfer")] public double? ProviderDataTransfer { get; init; }
}

/// <summary>Carbon collector output for one region (Caribou's carbon_retriever.py): hourly forecast averages.</summary>
internal sealed record CarbonRegion
{
    [JsonPropertyName("averages")] public IReadOnlyDictionary<string, CarbonAverage>? Averages { get; init; }
}

internal sealed record CarbonAverage
{
    [JsonPropertyName("carbon_intensity")] public double? CarbonIntensity { get; init; }
}

/// <summary>Performance collector output for one region (Caribou's performance_retriever.py).</summary>
internal sealed record PerformanceRegion
{
    [JsonPropertyName("relative_performance")] public double? RelativePerformance { get; init; }
    [JsonPropertyName("transmission_latency")] public IReadOnlyDictionary<string, LatencyDistribution>? TransmissionLatency { get; init; }
}

internal sealed record LatencyDistribution
{
    [JsonPropertyName("latency_distribution")] public IReadOnlyList<double>? Samples { get; init; }
}

/// <summary>Workflow collector output (Caribou's workflow_retriever.py).</summary>
internal sealed record WorkflowData
{
    [JsonPropertyName("start_hop_summary")] public StartHopSummary? StartHop { get; init; }
    [JsonPropertyName("instance_summary")] public IReadOnlyDictionary<string, InstanceSummary>? Instances { get; init; }
}

internal sealed record StartHopSummary
{
    [JsonPropertyName("workflow_placement_decision_size_gb")] public double? WpdSizeGb { get; init; }
    [JsonPropertyName("from_client")] public FromClient? FromClient { get; init; }
}

internal sealed record FromClient
{
    [JsonPropertyName("transfer_sizes_gb")] public IReadOnlyList<double>? TransferSizesGb { get; init; }
}

internal sealed record InstanceSummary
{
    [JsonPropertyName("cpu_utilization")] public double? CpuUtilization { get; init; }
    [JsonPropertyName("executions")] public Executions? Executions { get; init; }
    [JsonPropertyName("to_instance")] public IReadOnlyDictionary<string, ToInstance>? ToInstance { get; init; }
}

internal sealed record Executions
{
    [JsonPropertyName("at_region")] public IReadOnlyDictionary<string, RegionExecutions>? AtRegion { get; init; }
    [JsonPropertyName("auxiliary_index_translation")] public IReadOnlyDictionary<string, int>? AuxiliaryIndex { get; init; }
}

internal sealed record RegionExecutions
{
    [JsonPropertyName("cpu_utilization")] public double? CpuUtilization { get; init; }
    [JsonPropertyName("durations_s")] public IReadOnlyList<double>? DurationsSeconds { get; init; }

    // Keys are Python str(float) of 10 ms buckets; rows are [dtde_gb, t_call_successor_1_s, ...].
    [JsonPropertyName("auxiliary_data")] public IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<double>>>? AuxiliaryData { get; init; }
}

internal sealed record ToInstance
{
    [JsonPropertyName("invocation_probability")] public double? InvocationProbability { get; init; }
    [JsonPropertyName("transfer_sizes_gb")] public IReadOnlyList<double>? TransferSizesGb { get; init; }
    [JsonPropertyName("regions_to_regions")] public IReadOnlyDictionary<string, IReadOnlyDictionary<string,
        RegionPairTransfer>>? RegionsToRegions { get; init; }
    [JsonPropertyName("non_execution_info")] public IReadOnlyDictionary<string, NonExecutionInfo>? NonExecutionInfo { get; init; }
}

internal sealed record RegionPairTransfer
{
    // Keys are Python str(float) of 10 KB payload buckets.
    [JsonPropertyName("transfer_size_gb_to_transfer_latencies_s")] public IReadOnlyDictionary<string,
        IReadOnlyList<double>>? LatenciesBySize { get; init; }
    [JsonPropertyName("best_fit_line")] public BestFitLine? BestFitLine { get; init; }
}

internal sealed record BestFitLine
{
    [JsonPropertyName("slope_s")] public double? Slope { get; init; }
    [JsonPropertyName("intercept_s")] public double? Intercept { get; init; }
    [JsonPropertyName("min_latency_s")] public double? Min { get; init; }
    [JsonPropertyName("max_latency_s")] public double? Max { get; init; }
}

internal sealed record NonExecutionInfo
{
    [JsonPropertyName("sync_data_response_size_gb")] public double? SyncDataResponseSizeGb { get; init; }
}

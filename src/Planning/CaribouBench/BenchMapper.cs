using System.Globalization;
using Tern.Planning.CaribouBench.Model;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;

namespace Tern.Planning.CaribouBench;

/// <summary>One mapping of a bench document; collects the notes of what it had to assume.</summary>
internal sealed class BenchMapper
{
    // Prices Caribou really uses: its DatacenterLoader reads keys the provider collector never writes, so the
    // defaults always apply (Caribou's loaders and datacenter_loader.py). The bench README asks a faithful port to do the same.
    internal const double SnsUsdPerMessage = 5e-7;
    internal const double DynamoDbUsdPerRead = 2.5e-7;
    internal const double DynamoDbUsdPerWrite = 1.25e-6;

    // Caribou's loader reads sync_sizes_gb where the collector writes sync_size_gb, so 1 KB always (Caribou's loaders).
    internal const double SyncSizeGb = 1.0 / (1024 * 1024);

    // SOLVER_HOME_REGION_TRANSMISSION_LATENCY_DEFAULT (Caribou's constants.py) and the performance loader's default (Caribou's loaders).
    private const double DefaultLatencySeconds = 0.22;

    // Loader defaults (Caribou's loaders and constants.py), used only where a region's row lacks the field.
    private const double DefaultComputeUsdPerGbSecond = 1.66667e-5;
    private const double DefaultInvocationUsd = 2e-7;
    private const double DefaultTransferUsdPerGb = 0.09;

    // An edge into a sync node includes a DynamoDB update and upload, "×(1+4)" (Caribou's runtime_calculator.py).
    private const double SyncLatencyMultiplier = 5;

    private readonly BenchDocument _document;
    private readonly List<string> _notes = [];

    public BenchMapper(BenchDocument document) => _document = document;

    public PlanningProblem Map()
    {
        if (_document.Schema != CaribouBenchReader.Schema)
        {
            throw new BenchDocumentException($"schema is \"{_document.Schema}\", not \"{CaribouBenchReader.Schema}\".");
        }
        var config = _document.WorkflowConfig ?? throw new BenchDocumentException("workflow_config is missing.");
        var tables = _document.Tables ?? throw new BenchDocumentException("tables is missing.");
        var available = tables.AvailableRegions ?? throw MissingTable("available_regions_table");
        var providerTable = tables.ProviderRegions ?? throw MissingTable("provider_region_table");
        var carbonTable = tables.CarbonRegions ?? throw MissingTable("carbon_region_table");
        var performanceTable = tables.PerformanceRegions ?? throw MissingTable("performance_region_table");
        var workflowTable = tables.WorkflowInstances ?? throw MissingTable("workflow_instance_table");
        var instanceConfigs = config.Instances ?? throw new BenchDocumentException("workflow_config.instances is missing.");
        if (instanceConfigs.Count == 0)
        {
            throw new BenchDocumentException("workflow_config.instances is empty.");
        }

        CheckRegionReferences(available, config);
        var homeKey = (config.HomeRegion ?? throw new BenchDocumentException("workflow_config.home_region is missing.")).Key;
        if (!available.ContainsKey(homeKey))
        {
            throw new BenchDocumentException($"the home region {homeKey} is not in available_regions_table.");
        }
        // Caribou's deployment_algorithm.py: the workflow-level filter defines the region indices.
        var regionKeys = Filter([.. available.Keys], config.RegionsAndProviders);
        var home = regionKeys.IndexOf(homeKey);
        if (home < 0)
        {
            throw new BenchDocumentException($"the home region {homeKey} is excluded by workflow_config.regions_and_providers.");
        }
        var regions = regionKeys.Select(key => MapRegion(key, providerTable, carbonTable, performanceTable)).ToList();

        var workflowId = config.WorkflowId ?? throw new BenchDocumentException("workflow_config.workflow_id is missing.");
        var workflow = workflowTable.GetValueOrDefault(workflowId)
            ?? throw new BenchDocumentException($"workflow_instance_table has no entry for workflow {workflowId}.");

        var order = TopologicalOrder(instanceConfigs);
        var indexOf = order.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);
        var data = order.Select(name => new InstanceData(name, workflow.Instances?.GetValueOrDefault(name), regionKeys)).ToList();
        var predecessorCount = new int[order.Count];
        foreach (var name in order)
        {
            foreach (var successor in instanceConfigs[name].SucceedingInstances ?? [])
            {
                predecessorCount[indexOf[successor]]++;
            }
        }

        var instances = order.Select((name, i) => MapInstance(config, instanceConfigs[name], data[i], regionKeys, predecessorCount[i] > 1)).ToList();
        var edgeSources = new List<ToInstance?>();
        var edges = new List<EdgeModel>();
        foreach (var (name, from) in order.Select((name, index) => (name, index)))
        {
            foreach (var successor in instanceConfigs[name].SucceedingInstances ?? [])
            {
                var to = data[from].Summary?.ToInstance?.GetValueOrDefault(successor);
                edgeSources.Add(to);
                edges.Add(MapEdge(data[from], from, indexOf[successor], successor, to, home));
            }
        }

        var latency = LatencyTable.Build(edges.Count, regions.Count, (e, a, b) =>
            EdgeLatency(edgeSources[e], edges[e], instances[edges[e].To].IsJoin, regionKeys, a, b, home, performanceTable));
        var transfer = regionKeys.Select((from, a) => (IReadOnlyList<double>)[.. regionKeys.Select((_,
            b) => a == b ? 0 : TransferPrice(providerTable[from], from))]).ToList();

        var probabilities = InvocationProbabilities.Compute(instances, edges);
        var (fixedCost, fixedCarbon) = BenchFixedTerms.Compute(workflow, instances, edges, edgeSources, probabilities);
        var uploads = SyncUploads.Estimate(instances, edges, data, latency, home, probabilities);
        fixedCost += uploads.RemainderUsd;
        edges = [.. edges.Select((edge, e) => edge with { StorageUsdPerGb = uploads.UsdPerGb[e] })];

        _notes.Add("Caribou's redirector, modelled when the entry point leaves home (Caribou's workflow_instance.py), is not modelled.");
        _notes.Add("The start hop's placement read carries the WPD from aws:us-west-2 (Caribou's workflow_instance.py); its transmission carbon, " +
            "which depends on the " +
            "entry's region, is left out (under 1e-6 g).");
        _notes.Add("Measured latencies of all 10 KB payload buckets are pooled; Caribou looks them up by the sampled payload's bucket (Caribou's " +
            "runtime_calculator.py).");
        _notes.Add("Caribou's Python sampler never draws the last element of a distribution (Caribou's workflow_instance.py); every sample is kept " +
            "here.");
        if (instances.Any(i => i.IsJoin))
        {
            _notes.Add("Simulated (non-execution) edges into a join, whose latency can delay the join in Caribou (Caribou's runtime_calculator.py " +
                "and workflow_instance.py), are not " +
                "modelled.");
            _notes.Add("Caribou sends a 1 KB SNS message on an edge into a join and uploads the payload to DynamoDB (Caribou's loaders and " +
                "workflow_instance.py); the model prices " +
                "the message from the payload size.");
            _notes.Add("The join's cumulative DynamoDB upload writes (Caribou's cost_calculator.py) depend on the order of the uploads: each " +
                "upload is priced per GB by " +
                $"how many writes it is part of on average over {SyncUploads.Samples} simulated runs of the home placement; rounding to " +
                "whole units is added to the fixed cost.");
        }

        return new PlanningProblem
        {
            Name = _document.Case?.Name ?? workflowId,
            Regions = regions,
            HomeRegion = home,
            Instances = instances,
            Edges = edges,
            Latency = latency,
            TransferUsdPerGb = transfer,
            Constants = ModelConstants.Caribou,
            Constraints = BenchConstraints.Map(config.Constraints, _notes),
            FixedCostUsd = fixedCost,
            FixedCarbonGrams = fixedCarbon,
            // A default used for many edges or region pairs is noted once.
            Notes = [.. _notes.Distinct()],
        };
    }

    private static BenchDocumentException MissingTable(string table) => new($"tables.{table} is missing.");

    private static void CheckRegionReferences(OrderedDictionary<string, System.Text.Json.JsonElement> available, WorkflowConfig config)
    {
        var settings = new List<(string Where, RegionsAndProviders? Settings)> { ("workflow_config.regions_and_providers",
            config.RegionsAndProviders) };
        settings.AddRange((config.Instances ?? []).Select(p => ($"workflow_config.instances[{p.Key}].regions_and_providers",
            p.Value.RegionsAndProviders)));
        foreach (var (where, value) in settings)
        {
            foreach (var (list, regions) in new[] { ("allowed_regions", value?.AllowedRegions), ("disallowed_regions", value?.DisallowedRegions) })
            {
                foreach (var region in regions ?? [])
                {
                    if (!available.ContainsKey(region.Key))
                    {
                        throw new BenchDocumentException($"{where}.{list} names region {region.Key}, which is not in available_regions_table.");
                    }
                }
            }
        }
    }

    /// <summary>Caribou's deployment_algorithm.py: keep the regions of the configured providers; then only the allowed ones if any are
    /// given (the disallowed list is then ignored), else all but the disallowed ones.</summary>
    private static List<string> Filter(List<string> regionKeys, RegionsAndProviders? settings)
    {
        IEnumerable<string> kept = regionKeys;
        if (settings?.Providers is { Count: > 0 } providers)
        {
            kept = kept.Where(key => providers.ContainsKey(key[..Math.Max(0, key.IndexOf(':', StringComparison.Ordinal))]));
        }
        if (settings?.AllowedRegions is { Count: > 0 } allowed)
        {
            var allowedKeys = allowed.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            return [.. kept.Where(allowedKeys.Contains)];
        }
        var disallowedKeys = (settings?.DisallowedRegions ?? []).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        return [.. kept.Where(key => !disallowedKeys.Contains(key))];
    }

    private RegionModel MapRegion(
        string key,
        IReadOnlyDictionary<string, ProviderRegion> providerTable,
        IReadOnlyDictionary<string, CarbonRegion> carbonTable,
        IReadOnlyDictionary<string, PerformanceRegion> performanceTable)
    {
        var provider = providerTable.GetValueOrDefault(key) ?? throw new BenchDocumentException($"provider_region_table has no entry for " +
            $"region {key}.");
        var carbon = carbonTable.GetValueOrDefault(key) ?? throw new BenchDocumentException($"carbon_region_table has no entry for region {key}.");
        var performance = performanceTable.GetValueOrDefault(key) ?? throw new BenchDocumentException($"performance_region_table has no entry for " +
            $"region {key}.");
        var compute = provider.ExecutionCost?.ComputeCost;
        var invocation = provider.ExecutionCost?.InvocationCost;
        return new RegionModel
        {
            Code = CodeOf(key),
            HourlyGramsPerKwh = [.. Enumerable.Range(0, 24).Select(hour => HourlyIntensity(key, carbon, hour))],
            X86UsdPerGbSecond = Or(compute?.X86, DefaultComputeUsdPerGbSecond, $"{key}: compute_cost.x86_64"),
            ArmUsdPerGbSecond = Or(compute?.Arm, DefaultComputeUsdPerGbSecond, $"{key}: compute_cost.arm64"),
            X86UsdPerRequest = Or(invocation?.X86, DefaultInvocationUsd, $"{key}: invocation_cost.x86_64"),
            ArmUsdPerRequest = Or(invocation?.Arm, DefaultInvocationUsd, $"{key}: invocation_cost.arm64"),
            MessageUsdPer64Kb = SnsUsdPerMessage,
            Pue = Or(provider.Pue, ModelConstants.Caribou.DefaultPue, $"{key}: pue"),
            RelativePerformance = Or(performance.RelativePerformance, 1, $"{key}: relative_performance"),
        };
    }

    private static string CodeOf(string key) => key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..];

    /// <summary>Caribou's carbon loader: the hour's forecast, else the overall average, else 410.</summary>
    private double HourlyIntensity(string key, CarbonRegion carbon, int hour)
    {
        if (carbon.Averages?.GetValueOrDefault(hour.ToString(CultureInfo.InvariantCulture))?.CarbonIntensity is { } value)
        {
            return value;
        }
        return Or(carbon.Averages?.GetValueOrDefault("overall")?.CarbonIntensity, ModelConstants.Caribou.DefaultGramsPerKwh,
            $"{key}: carbon intensity at hour {hour}");
    }

    private double Or(double? value, double fallback, string what)
    {
        if (value is { } v)
        {
            return v;
        }
        _notes.Add($"{what} is missing; Caribou's default {fallback.ToString(CultureInfo.InvariantCulture)} is used.");
        return fallback;
    }

    private double TransferPrice(ProviderRegion provider, string key) =>
        // Caribou's cost_calculator.py: Caribou always charges the intra-provider rate, whatever the destination.
        Or(provider.TransmissionCost?.ProviderDataTransfer, DefaultTransferUsdPerGb, $"{key}: transmission_cost.provider_data_transfer");

    /// <summary>Caribou's workflow_instance.py: Kahn's algorithm with a FIFO queue seeded with the zero in-degree instances in document
    /// order; Tern needs every edge to point forward.</summary>
    private static List<string> TopologicalOrder(OrderedDictionary<string, InstanceConfig> configs)
    {
        var inDegree = configs.Keys.ToDictionary(name => name, _ => 0, StringComparer.Ordinal);
        foreach (var (name, instance) in configs)
        {
            foreach (var successor in instance.SucceedingInstances ?? [])
            {
                if (!inDegree.TryGetValue(successor, out var degree))
                {
                    throw new BenchDocumentException($"instance {name} calls {successor}, which is not in workflow_config.instances.");
                }
                inDegree[successor] = degree + 1;
            }
        }
        var queue = new Queue<string>(configs.Keys.Where(name => inDegree[name] == 0));
        var order = new List<string>();
        while (queue.TryDequeue(out var name))
        {
            order.Add(name);
            foreach (var successor in configs[name].SucceedingInstances ?? [])
            {
                if (--inDegree[successor] == 0)
                {
                    queue.Enqueue(successor);
                }
            }
        }
        if (order.Count != configs.Count)
        {
            throw new BenchDocumentException($"the calls between instances form a cycle through {string.Join(", ", configs.Keys.Except(order))}.");
        }
        return order;
    }

    private static InstanceModel MapInstance(WorkflowConfig config, InstanceConfig instance, InstanceData data, List<string> regionKeys, bool isJoin)
    {
        var homeProvider = config.HomeRegion!.Provider;
        var own = instance.RegionsAndProviders?.Providers?.GetValueOrDefault(homeProvider)?.Config;
        var global = config.RegionsAndProviders?.Providers?.GetValueOrDefault(homeProvider)?.Config;
        var memory = own?.Memory ?? global?.Memory
            ?? throw new BenchDocumentException($"instance {data.Name} has no memory in regions_and_providers.providers.{homeProvider}.config.");
        var allowed = Filter(regionKeys, instance.RegionsAndProviders);
        var runs = Enumerable.Range(0, regionKeys.Count).Select(data.Runs).ToList();
        return new InstanceModel
        {
            Name = data.Name,
            Function = FunctionOf(config, data.Name),
            MemoryMb = memory,
            Vcpu = own?.Vcpu ?? global?.Vcpu,
            Architecture = (own?.Architecture ?? global?.Architecture) == "arm64" ? CpuArchitecture.Arm : CpuArchitecture.X86,
            AllowedRegions = [.. allowed.Select(key => regionKeys.IndexOf(key))],
            IsJoin = isJoin,
            RuntimeSeconds = [.. runs.Select(r => r.Durations)],
            CpuUtilization = [.. data.Regions.Select(r => r?.CpuUtilization)],
            DefaultCpuUtilization = data.Summary?.CpuUtilization,
            UntrackedTransferGb = [.. runs.Select(r => r.UntrackedGb)],
        };
    }

    /// <summary>Caribou's workflow_builder.py: instance names are <c>&lt;wf&gt;-&lt;ver_&gt;-&lt;fn&gt;:...</c>; best effort.</summary>
    private static string FunctionOf(WorkflowConfig config, string instanceName)
    {
        var prefix = $"{config.WorkflowName}-{config.WorkflowVersion?.Replace('.', '_')}-";
        var rest = instanceName.StartsWith(prefix, StringComparison.Ordinal) ? instanceName[prefix.Length..] : instanceName;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? rest : rest[..colon];
    }

    private EdgeModel MapEdge(InstanceData source, int from, int to, string successor, ToInstance? data, int home)
    {
        if (data?.InvocationProbability is null)
        {
            _notes.Add($"edge {source.Name} → {successor}: no invocation_probability; 1 is assumed (Caribou's loader would use 0).");
        }
        return new EdgeModel
        {
            From = from,
            To = to,
            Probability = data?.InvocationProbability ?? 1,
            PayloadGb = data?.TransferSizesGb ?? [],
            CallAtFraction = source.CallAtFraction(home, successor),
        };
    }

    /// <summary>Caribou's runtime_calculator.py: measured samples, else the best-fit line at the mean payload,
    /// else the missing-data estimator from the home→home measurement and the CloudPing difference.</summary>
    private double[] EdgeLatency(
        ToInstance? data, EdgeModel edge, bool intoJoin, List<string> regionKeys, int from, int to, int home,
        IReadOnlyDictionary<string, PerformanceRegion> performanceTable)
    {
        if (MeasuredOrFitted(data, edge, regionKeys[from], regionKeys[to]) is { } direct)
        {
            return direct;
        }
        var homeMeasured = MeasuredOrFitted(data, edge, regionKeys[home], regionKeys[home]) ?? [DefaultLatencySeconds];
        var extra = Math.Max(CloudPingMean(performanceTable, regionKeys[from], regionKeys[to]) - CloudPingMean(performanceTable, regionKeys[home],
            regionKeys[home]), 0);
        var multiplier = intoJoin ? SyncLatencyMultiplier : 1;
        return [.. homeMeasured.Select(sample => sample + extra * multiplier)];
    }

    private static double[]? MeasuredOrFitted(ToInstance? data, EdgeModel edge, string fromKey, string toKey)
    {
        var pair = data?.RegionsToRegions?.GetValueOrDefault(fromKey)?.GetValueOrDefault(toKey);
        if (pair is null)
        {
            return null;
        }
        var measured = (pair.LatenciesBySize ?? new Dictionary<string, IReadOnlyList<double>>()).Values.SelectMany(v => v).ToArray();
        if (measured.Length > 0)
        {
            return measured;
        }
        if (pair.BestFitLine is { Slope: { } slope, Intercept: { } intercept } line)
        {
            var size = edge.PayloadGb.Count > 0 ? edge.PayloadGb.Average() : 0;
            return [Math.Min(line.Max ?? double.PositiveInfinity, Math.Max(line.Min ?? double.NegativeInfinity, slope * size + intercept))];
        }
        return null;
    }

    private double CloudPingMean(IReadOnlyDictionary<string, PerformanceRegion> performanceTable, string fromKey, string toKey)
    {
        var samples = performanceTable.GetValueOrDefault(fromKey)?.TransmissionLatency?.GetValueOrDefault(toKey)?.Samples;
        if (samples is { Count: > 0 })
        {
            return samples.Average();
        }
        _notes.Add($"performance_region_table[{fromKey}].transmission_latency[{toKey}] is missing; Caribou's default {DefaultLatencySeconds} s is " +
            $"used.");
        return DefaultLatencySeconds;
    }
}

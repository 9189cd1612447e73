using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Planning.BundledData;
using Tern.Solvers.Model;
using Tern.Carbon;
using Tern.Planning.Profiles;

namespace Tern.Planning.Workflows;

/// <summary>Turns a ServerlessWorkflow and the bundled reference data into the planner's <see cref="PlanningProblem"/>.</summary>
public static class WorkflowProblemMapper
{
    /// <summary>Spread given to profile.runtimeMilliseconds until invocations are recorded: a mildly right-skewed
    /// spread (a few slow runs), so that tail constraints see some variance instead of a single value.</summary>
    public static readonly IReadOnlyList<double> RuntimePriorFactors = [0.8, 0.9, 0.95, 1.0, 1.0, 1.05, 1.1, 1.25, 1.5];

    /// <summary>Run time assumed for a function without profile.runtimeMilliseconds; noted in the problem.</summary>
    public const double AssumedRuntimeSeconds = 1;

    /// <summary>Payload assumed for a call whose caller has no profile.outputBytes (a small JSON message); noted.</summary>
    public const long AssumedPayloadBytes = 1024;

    /// <summary>Caribou invokes through SNS, which bills per 64 KB message; AWS publishes no per-region difference.</summary>
    public const double MessageUsdPer64Kb = 5e-7;

    /// <summary>AWS publishes no per-region PUE; Caribou's figure is used everywhere, so PUE does not sway placement.</summary>
    public const double Pue = 1.11;

    /// <summary>Recorded observations of one kind (run times of an instance in a region, executions of a caller, calls
    /// between two regions) below this count leave the prior in place: a handful of samples says little about a tail.</summary>
    public const int MinimumSamples = 5;

    private const double BytesPerGb = 1024.0 * 1024 * 1024;

    /// <param name="observed">What recorded invocations say (run times, call probabilities, payloads, latencies); it
    /// replaces the priors wherever it has at least <see cref="MinimumSamples"/> observations.</param>
    public static MappedWorkflow Map(ServerlessWorkflow workflow, ICarbonProfile carbon, LambdaPriceTable prices,
        TransferPriceTable transfer, InterRegionLatency latency, RegionCatalogue catalogue, WorkflowProfile? observed = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(carbon);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(latency);
        ArgumentNullException.ThrowIfNull(catalogue);
        var spec = workflow.Spec;
        var name = workflow.Metadata?.Name ?? "workflow";
        var notes = new List<string>
        {
            carbon.Description,
        };
        var unrolled = WorkflowUnroller.Unroll(spec);
        var regions = RegionSelection.Select(spec, unrolled.Instances.Select(i => i.Function), carbon, prices, catalogue, notes);
        var home = 0;
        observed ??= WorkflowProfile.Empty;
        var functions = unrolled.Instances.Select(i => i.Function).DistinctBy(f => f.Name).ToList();
        NoteMissingProfiles(functions, notes);
        NoteObserved(observed, notes);

        var edges = unrolled.Edges.Select(e =>
        {
            var call = observed.Calls.GetValueOrDefault((unrolled.Instances[e.From].Name, unrolled.Instances[e.To].Name));
            var measured = call is not null && call.Called + call.NotCalled >= MinimumSamples;
            return new EdgeModel
            {
                From = e.From,
                To = e.To,
                Probability = measured ? call!.Probability : e.Probability,
                PayloadGb = measured && call!.PayloadBytes.Count > 0
                    ? [.. call.PayloadBytes.Select(b => b / BytesPerGb)]
                    : [(unrolled.Instances[e.From].Function.Profile?.OutputBytes ?? AssumedPayloadBytes) / BytesPerGb],
                CallAtFraction = 1,
            };
        }).ToList();

        var problem = new PlanningProblem
        {
            Name = name,
            Regions = [.. regions.Codes.Select(code => Region(code, carbon, prices))],
            HomeRegion = home,
            Instances = [.. unrolled.Instances.Select(i => Instance(i, regions, home, observed))],
            Edges = edges,
            Latency = Latency(regions.Codes, edges.Count, latency, catalogue, notes, observed),
            TransferUsdPerGb = Transfer(regions.Codes, transfer, notes),
            Constraints = ConstraintMapping.Map(spec.Constraints),
            FixedCostUsd = 0,
            FixedCarbonGrams = 0,
            Notes = notes,
        };
        var errors = ProblemValidator.Validate(problem);
        if (errors.Count > 0)
        {
            throw new WorkflowMappingException($"Workflow {name} does not make a valid planning problem:{Environment.NewLine}- " +
                string.Join($"{Environment.NewLine}- ", errors));
        }
        return new MappedWorkflow(problem);
    }

    private static void NoteMissingProfiles(List<FunctionSpec> functions, List<string> notes)
    {
        foreach (var function in functions)
        {
            if (function.Profile?.RuntimeMilliseconds is null)
            {
                notes.Add($"function {function.Name} has no profile.runtimeMilliseconds; assumed {AssumedRuntimeSeconds:0.##} s");
            }
            if (function.Calls.Count > 0 && function.Profile?.OutputBytes is null)
            {
                notes.Add($"function {function.Name} has no profile.outputBytes; assumed {AssumedPayloadBytes / 1024} KB per call");
            }
        }
    }

    private static void NoteObserved(WorkflowProfile observed, List<string> notes)
    {
        if (observed.Runs > 0 || observed.RuntimeSeconds.Count > 0)
        {
            notes.Add($"profile from {observed.Runs} recorded run(s); left out of run times: {observed.ColdStarts} cold start(s), " +
                      $"{observed.Retried} retried and {observed.Failed} failed execution(s)");
        }
    }

    private static RegionModel Region(string code, ICarbonProfile carbon, LambdaPriceTable prices)
    {
        var x86 = prices.Find(code, Architecture.X86_64)!;
        var arm = prices.Find(code, Architecture.Arm64)!;
        return new RegionModel
        {
            Code = code,
            HourlyGramsPerKwh = carbon.Find(code)!.HourOfDayMeans!,
            X86UsdPerGbSecond = x86.UsdPerGbSecond,
            ArmUsdPerGbSecond = arm.UsdPerGbSecond,
            X86UsdPerRequest = x86.UsdPerRequest,
            ArmUsdPerRequest = arm.UsdPerRequest,
            MessageUsdPer64Kb = MessageUsdPer64Kb,
            Pue = Pue,
            RelativePerformance = 1,
        };
    }

    private static InstanceModel Instance(UnrolledInstance instance, RegionSelection regions, int home, WorkflowProfile observed)
    {
        var function = instance.Function;
        var typical = function.Profile?.RuntimeMilliseconds is { } ms ? ms / 1000.0 : AssumedRuntimeSeconds;
        // Without measurements only the home region gets samples: the evaluator scales them by each region's relative
        // performance. Measured regions get their own samples.
        var runtimes = new IReadOnlyList<double>?[regions.Codes.Count];
        runtimes[home] = [.. RuntimePriorFactors.Select(f => f * typical)];
        var measured = observed.RuntimeSeconds.GetValueOrDefault(instance.Name);
        for (var r = 0; r < regions.Codes.Count; r++)
        {
            if (measured?.GetValueOrDefault(regions.Codes[r]) is { Count: >= MinimumSamples } samples)
            {
                runtimes[r] = samples;
            }
        }
        return new InstanceModel
        {
            Name = instance.Name,
            Function = function.Name,
            MemoryMb = function.MemoryMiB,
            Architecture = function.Architecture == Architecture.Arm64 ? CpuArchitecture.Arm : CpuArchitecture.X86,
            AllowedRegions = regions.AllowedByFunction[function.Name],
            IsJoin = function.Join,
            RuntimeSeconds = runtimes,
            DefaultCpuUtilization = function.Profile?.CpuUtilizationPercent / 100.0,
            UntrackedTransferGb = null,
        };
    }

    private static LatencyTable Latency(IReadOnlyList<string> codes, int edgeCount, InterRegionLatency latency, RegionCatalogue catalogue,
        List<string> notes, WorkflowProfile observed)
    {
        var estimated = new List<string>();
        var pairs = new double[codes.Count, codes.Count][];
        for (var a = 0; a < codes.Count; a++)
        {
            for (var b = 0; b < codes.Count; b++)
            {
                if (observed.LatencySeconds.GetValueOrDefault((codes[a], codes[b])) is { Count: >= MinimumSamples } recorded)
                {
                    // The workflow's own calls, queueing and start-up included, beat a network-only estimate.
                    pairs[a, b] = [.. recorded];
                }
                else if (latency.Find(codes[a], codes[b]) is { } measured)
                {
                    pairs[a, b] = CallLatencyModel.FromPercentiles(measured);
                }
                else
                {
                    pairs[a, b] = CallLatencyModel.FromDistance(catalogue.Find(codes[a])!, catalogue.Find(codes[b])!);
                    estimated.Add($"{codes[a]} → {codes[b]}");
                }
            }
        }
        if (estimated.Count > 0)
        {
            notes.Add($"latency {string.Join(", ", estimated)}: no CloudPing data; estimated from the great-circle distance as " +
                $"{CallLatencyModel.DistanceBaseMs} ms + {CallLatencyModel.DistanceMsPerKm} ms/km");
        }
        // Every call between the same two regions crosses the same network, so all edges share the pair's samples.
        return LatencyTable.PerRegionPair(edgeCount, codes.Count, (a, b) => pairs[a, b]);
    }

    private static double[][] Transfer(IReadOnlyList<string> codes, TransferPriceTable transfer, List<string> notes)
    {
        var assumed = new List<string>();
        var matrix = codes.Select(from => codes.Select(to =>
        {
            var price = transfer.Find(from, to);
            if (price.Assumed)
            {
                assumed.Add($"{from} → {to}");
            }
            return price.UsdPerGb;
        }).ToArray()).ToArray();
        if (assumed.Count > 0)
        {
            notes.Add($"transfer price {string.Join(", ", assumed)}: not in the price table; " +
                $"assumed {TransferPriceTable.AssumedInterRegionUsdPerGb} USD/GB " +
                $"between regions and {TransferPriceTable.AssumedSameRegionUsdPerGb} within one");
        }
        return matrix;
    }
}

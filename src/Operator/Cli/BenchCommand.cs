using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Tern.Planning.Benchmarks;
using Tern.Planning.CaribouBench;
using Tern.Solvers.Plans;
using Tern.Solvers.Synthetic;

namespace Tern.Operator.Cli;

/// <summary>`tern bench planner`: times the planner on the bench documents and on generated cases and
/// prints, per case and algorithm, evaluations, samples, time per time key and for 24 keys, peak memory
/// and the carbon reduction against home.</summary>
internal static class BenchCommand
{
    // Generated shapes up to the 30 functions × 16 regions the targets name, smallest first so the
    // process's peak memory after a case bounds that case.
    private static readonly (int Functions, int Regions)[] GeneratedShapes = [(3, 4), (6, 8), (12, 12), (20, 16), (30, 16)];

    public static Command Create()
    {
        var benchDirectory = new Option<DirectoryInfo?>("--bench-dir")
        {
            Description = "Directory of Caribou bench documents (case_*.json); default: data/bench next to tern.",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the random draws.", DefaultValueFactory = _ => 1 };
        var generatedOnly = new Option<bool>("--generated-only") { Description = "Skip the bench documents." };
        var sizes = new Option<(int Functions, int Regions)[]>("--size")
        {
            Description = "Plan only generated cases of F functions × R regions, written FxR (for example 200x40); repeatable.",
            CustomParser = ParseSizes,
        };
        var algorithms = new Option<AlgorithmChoice[]>("--algorithm")
        {
            Description = "Run only these algorithms (repeatable); default: CoarseGrained, FineGrained where its space is small, Heuristic and Auto.",
        };
        var planner = new Command("planner", "Benchmark the planner: 24 time keys per case and algorithm.") { benchDirectory, seed, generatedOnly,
            sizes, algorithms };
        planner.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var cases = new List<BenchCase>();
            var chosenSizes = result.GetValue(sizes) ?? [];
            if (!result.GetValue(generatedOnly) && chosenSizes.Length == 0)
            {
                cases.AddRange(BenchDocuments.Load(result.GetValue(benchDirectory), output));
            }
            cases.AddRange((chosenSizes.Length > 0 ? chosenSizes : GeneratedShapes).Select(s =>
                new BenchCase($"generated F{s.Functions}_R{s.Regions}", SyntheticProblems.Create(seed: 1000 + s.Functions, s.Functions, s.Regions))));
            Run(cases, result.GetValue(seed), result.GetValue(algorithms) ?? [], output);
            return 0;
        });
        var count = new Option<int>("--workflows") { Description = "Workflows to create.", DefaultValueFactory = _ => 500 };
        var example = new Option<string>("--example") { Description = "Example workflow to copy.",
            DefaultValueFactory = _ => "text-2-speech-censoring" };
        var operatorBench = new Command("operator", "Run the operator on the simulated platform against the loopback API server with many " +
            "workflows.") { count, example };
        operatorBench.SetAction(async (result, cancellationToken) =>
        {
            var config = result.InvocationConfiguration;
            await Hosting.OperatorBenchmark.RunAsync(result.GetValue(count), result.GetValue(example)!, config.Output, config.Error,
                cancellationToken)
                .ConfigureAwait(false);
            return 0;
        });
        return new Command("bench", "Measure Tern's speed and memory.")
        {
            planner, BacktestBenchmarkCommand.Command(), FootprintBenchmarkCommand.Command(), operatorBench,
        };
    }

    private static (int Functions, int Regions)[] ParseSizes(ArgumentResult result)
    {
        var parsed = new List<(int, int)>();
        foreach (var token in result.Tokens.Select(t => t.Value))
        {
            var parts = token.Split('x', 'X');
            if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var f) && int.TryParse(parts[1],
                CultureInfo.InvariantCulture, out var r)
                && f >= 1 && r >= 1)
            {
                parsed.Add((f, r));
            }
            else
            {
                result.AddError($"--size {token}: write functions x regions as two whole numbers of at least 1, for example 200x40.");
            }
        }
        return [.. parsed];
    }

    private static void Run(IReadOnlyList<BenchCase> cases, int seed, AlgorithmChoice[] only, TextWriter output)
    {
        output.WriteLine("case                       F   R  algorithm      placements  MC evals     samples  per key (median)   24 keys  peak MiB  " +
            "carbon saved (median)  proven optimal");
        foreach (var benchCase in cases)
        {
            BenchResult? heuristic = null;
            foreach (var algorithm in AlgorithmsFor(benchCase).Where(a => only.Length == 0 || only.Contains(a)))
            {
                var r = PlannerBenchmark.Run(benchCase, algorithm, seed);
                heuristic = algorithm == AlgorithmChoice.Heuristic ? r : heuristic;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Case,-25} {r.Instances,2} {r.Regions,3}  {r.Algorithm,-13} {r.PlacementsEvaluated,10} {r.Evaluations,9} {r.Samples,11} " +
                        $" {Format(r.PerKeyMedian),16}  {Format(r.Total),8}  {r.PeakMemoryMiB,8:0}  {r.MedianCarbonSavedPercent,20:0.0}% " +
                            $" {r.ProvenOptimalKeys,11}/{r.Keys}"));
            }
            foreach (var caribou in benchCase.Caribou ?? [])
            {
                if (heuristic is not null)
                {
                    output.WriteLine(CompareWithCaribou(benchCase, caribou, heuristic));
                }
            }
        }
    }

    // Both tools' choices judged by Tern's model on the hours Caribou solved, next to Caribou's own figures.
    private static string CompareWithCaribou(BenchCase benchCase, CaribouResults caribou, BenchResult heuristic)
    {
        var walls = caribou.Hours.Select(h => h.WallSeconds).Order().ToList();
        var ownEstimate = Median(caribou.Hours.Select(h => 100 * (1 - h.BestMetrics.AverageCarbon / h.HomeMetrics.AverageCarbon)));
        var judged = CaribouComparison.CarbonSavedByHour(benchCase.Problem, caribou);
        var ternSameHours = judged.Keys.Select(h => heuristic.CarbonSavedPercentByHour[h]).ToList();
        var ternAtLeast = judged.Count(j => heuristic.CarbonSavedPercentByHour[j.Key] >= j.Value - 1e-9);
        return string.Create(CultureInfo.InvariantCulture,
            $"  Caribou {caribou.Solver,-20} {caribou.Hours.Count,2} h {walls[walls.Count / 2],8:0.00} s/hour {walls.Sum(),7:0.0} s in all; carbon " +
                $"saved {ownEstimate:0.0}% by its estimate, {Median(judged.Values):0.0}% by Tern's model; Tern Heuristic on the same " +
                    $"hours {Median(ternSameHours):0.0}%, at least Caribou's in {ternAtLeast}/{judged.Count} hours");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    // Exhaustive-exact search is offered only where its space is small enough to finish in the deadline.
    private static IEnumerable<AlgorithmChoice> AlgorithmsFor(BenchCase benchCase)
    {
        yield return AlgorithmChoice.CoarseGrained;
        var space = benchCase.Problem.Instances.Aggregate(1.0, (size, i) => size * i.AllowedRegions.Count);
        if (space <= 1e7)
        {
            yield return AlgorithmChoice.FineGrained;
        }
        yield return AlgorithmChoice.Heuristic;
        yield return AlgorithmChoice.Auto;
    }

    private static string Format(TimeSpan time) =>
        time.TotalSeconds >= 1 ? $"{time.TotalSeconds:0.00} s" : $"{time.TotalMilliseconds:0.0} ms";
}

using System.CommandLine;
using System.Globalization;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Manifests;
using Tern.Planning;
using Tern.Planning.BundledData;
using Tern.Planning.CaribouBench;
using Tern.Planning.Workflows;
using Tern.Solvers.Model;
using Tern.Solvers.Plans;

namespace Tern.Operator.Cli;

/// <summary>`tern plan`: plans a workflow on the bundled data (or a Caribou bench document) and prints,
/// per time key, where each function runs and its figures next to the home placement's.</summary>
internal static class PlanCommand
{
    public const int ExitInvalid = 1;
    public const int ExitUsage = 2;

    public static Command Create()
    {
        var workflow = new Argument<string?>("workflow") { Description = "A ServerlessWorkflow manifest.", Arity = ArgumentArity.ZeroOrOne };
        var carbon = new Option<string?>("--carbon") { Description = "A Static CarbonSource manifest, or 'static' (default) for the bundled data." };
        var at = new Option<string?>("--at") { Description = "Plan as of this UTC date/time; the carbon profile is the week before it (default 2023-07-01)." };
        var algorithm = new Option<AlgorithmChoice?>("--algorithm") { Description = "Auto, CoarseGrained, FineGrained or Heuristic (default: the workflow's spec.planning.algorithm)." };
        var timeKeys = new Option<int?>("--time-keys") { Description = "Placements per day: 1, 2, 3, 4, 6, 8, 12 or 24 (default: spec.planning.timeKeysPerDay)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the random draws; the same seed gives the same plan.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output", "-o") { Description = "table, json or yaml.", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json", "yaml");
        var benchInput = new Option<string?>("--bench-input") { Description = "Plan a Caribou bench document (data/bench/case_*.json) instead of a workflow." };
        var command = new Command("plan", "Plan where each function runs, per time key, on the bundled carbon, price and latency data.")
        {
            workflow, carbon, at, algorithm, timeKeys, seed, output, benchInput,
        };
        command.SetAction(result =>
        {
            var config = result.InvocationConfiguration;
            try
            {
                var request = new Request(result.GetValue(algorithm), result.GetValue(timeKeys), result.GetValue(seed), ParseAt(result.GetValue(at)));
                var plans = result.GetValue(benchInput) is { } bench
                    ? [PlanBench(bench, request)]
                    : result.GetValue(workflow) is { } file
                        ? PlanWorkflows(file, result.GetValue(carbon), request)
                        : throw new UsageException("give a ServerlessWorkflow manifest, or --bench-input <file>.");
                foreach (var plan in plans)
                {
                    config.Output.Write(Render(plan, result.GetValue(output)!));
                }
                return 0;
            }
            catch (UsageException e)
            {
                config.Error.WriteLine($"tern plan: {e.Message}");
                return ExitUsage;
            }
            catch (Exception e) when (e is InputException or WorkflowMappingException or BenchDocumentException or ArgumentOutOfRangeException)
            {
                config.Error.WriteLine($"tern plan: {e.Message}");
                return ExitInvalid;
            }
        });
        return command;
    }

    private sealed record Request(AlgorithmChoice? Algorithm, int? TimeKeys, int Seed, DateTimeOffset? At);

    private static List<Plan> PlanWorkflows(string file, string? carbon, Request request)
    {
        if (!File.Exists(file))
        {
            throw new UsageException($"{file} does not exist. Give a ServerlessWorkflow manifest.");
        }
        var validator = new ManifestValidator(RegionCatalogue.Bundled);
        var report = validator.ValidateFile(file);
        var problems = report.FileProblems.Concat(report.Documents.SelectMany(d => d.Problems)).ToList();
        if (problems.Count > 0)
        {
            throw new InputException($"{file} is not valid (`tern validate {file}` shows where):\n" + string.Join("\n", problems.Select(p => $"  {p}")));
        }
        var workflows = report.Documents.Select(d => d.Resource).OfType<ServerlessWorkflow>().ToList();
        if (workflows.Count == 0)
        {
            throw new InputException($"{file} holds no ServerlessWorkflow.");
        }
        var data = BundledDataSet.Load();
        var snapshot = CarbonChoice.Resolve(carbon, request.At, data, validator);
        return [.. workflows.Select(w =>
        {
            var mapped = WorkflowProblemMapper.Map(w, snapshot, data.LambdaPrices, data.TransferPrices, data.Latency, RegionCatalogue.Bundled);
            return Run(mapped.Problem, request, w.Spec.Planning.Algorithm.ToChoice(), w.Spec.Planning.TimeKeysPerDay);
        })];
    }

    private static Plan PlanBench(string file, Request request)
    {
        if (!File.Exists(file))
        {
            throw new UsageException($"--bench-input {file} does not exist.");
        }
        using var stream = File.OpenRead(file);
        return Run(CaribouBenchReader.Read(stream), request, AlgorithmChoice.Auto, 24);
    }

    private static Plan Run(PlanningProblem problem, Request request, AlgorithmChoice specAlgorithm, int specTimeKeys)
    {
        var options = new PlannerOptions
        {
            Algorithm = request.Algorithm ?? specAlgorithm,
            TimeKeysPerDay = request.TimeKeys ?? specTimeKeys,
            Evaluation = new() { Seed = request.Seed },
        };
        return Planner.Plan(problem, options, TimeProvider.System);
    }

    private static DateTimeOffset? ParseAt(string? at)
    {
        if (at is null)
        {
            return null;
        }
        return DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : throw new UsageException($"--at '{at}' is not a date; write it like 2023-06-15 or 2023-06-15T12:00Z.");
    }

    private static string Render(Plan plan, string output) => output switch
    {
        "json" => PlanDocument.From(plan).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n",
        "yaml" => YamlWriter.Write(PlanDocument.From(plan)),
        _ => PlanTable.Render(plan) + "\n",
    };
}

using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tern.Backtest;
using Tern.Carbon.Bundled;
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

/// <summary>`tern plan`: plans every workflow in a manifest, a multi-document file or a directory on the bundled data
/// (or a Caribou bench document) and prints, first, where each function runs when and what that saves against home.</summary>
internal static class PlanCommand
{
    /// <summary>Invocations per hour the monthly figures assume when the workflow's status records none.</summary>
    public const double AssumedInvocationsPerHour = 100;

    public static readonly IReadOnlyList<ExitCodeMeaning> ExitCodes =
    [
        new(Cli.ExitCodes.Success, "planned (a key whose constraints nothing meets keeps home and says why; that is still a plan)"),
        new(Cli.ExitCodes.Failed, "an input cannot be used: an invalid manifest, no workflow in the path, a carbon source that needs the network"),
        new(Cli.ExitCodes.Usage, "usage: no workflow given, a path that does not exist, an unknown option or a bad value"),
    ];

    public static Command Create()
    {
        var workflow = new Argument<string?>("workflow")
        {
            Description = "A ServerlessWorkflow manifest, or a directory of them; every workflow in it is planned, one after another.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var carbon = new Option<string?>("--carbon") { HelpName = "file|static", Description = "A Static CarbonSource manifest, or 'static' for " +
            "the bundled data (default)." };
        var at = new Option<string?>("--at") { HelpName = "date", Description = "Plan as of this UTC date/time; the carbon is the week before it " +
            "(default 2023-07-01)." };
        var algorithm = new Option<AlgorithmChoice?>("--algorithm") { Description = "The planner to run (default: the workflow's " +
            "spec.planning.algorithm)." };
        var timeKeys = new Option<int?>("--time-keys")
        {
            HelpName = "count",
            Description = "Placements per day: 1, 2, 3, 4, 6, 8, 12 or 24 (default: spec.planning.timeKeysPerDay).",
        };
        ValueParsers.AcceptTimeKeyCounts(timeKeys);
        var seed = new Option<int>("--seed") { HelpName = "number", Description = "Seed of the random draws; the same seed gives the same " +
            "plan.", DefaultValueFactory = _ => 1 };
        var invocations = new Option<string?>("--invocations")
        {
            HelpName = "per-hour",
            Description = "Invocations per hour for the monthly figures: a number, 24 comma-separated numbers (UTC hours 0-23) or diurnal:<mean> " +
                $"(default: the rate recorded in the manifest's status, else {AssumedInvocationsPerHour:0}, said so).",
        };
        var output = new Option<string>("--output", "-o") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        ValueParsers.AcceptOnly(output, "table", "json", "yaml");
        var verbose = new Option<bool>("--verbose") { Description = "Also print every time key's figures and how the planner found them." };
        var benchInput = new Option<string?>("--bench-input") { HelpName = "file", Description = "Plan a Caribou bench document " +
            "(data/bench/case_*.json) instead of a workflow." };
        var command = new Command("plan", "Plan where each function runs, per hour of the day, on the bundled carbon, price and latency data.")
        {
            workflow, carbon, at, algorithm, timeKeys, seed, invocations, output, verbose, benchInput,
        };
        command.SetAction(result =>
        {
            var request = new Request(result.GetValue(algorithm), result.GetValue(timeKeys), result.GetValue(seed), ParseAt(result.GetValue(at)),
                result.GetValue(invocations) is { } given ? Rate(given) : null);
            var plans = result.GetValue(benchInput) is { } bench
                ? [PlanBench(bench, request)]
                : result.GetValue(workflow) is { } path
                    ? PlanWorkflows(path, result.GetValue(carbon), request)
                    : throw new UsageException("missing <workflow>: give a ServerlessWorkflow manifest or a directory of them, or --bench-input " +
                        "<file>.");
            result.InvocationConfiguration.Output.Write(Render(plans, result.GetValue(output)!, result.GetValue(verbose)));
            return Cli.ExitCodes.Success;
        });
        return command;
    }

    private sealed record Request(AlgorithmChoice? Algorithm, int? TimeKeys, int Seed, DateTimeOffset? At, InvocationRate? Rate);

    private sealed record Planned(Plan Plan, InvocationRate Rate, string? Carbon);

    private static List<Planned> PlanWorkflows(string path, string? carbon, Request request)
    {
        var workflows = ManifestFiles.Read<ServerlessWorkflow>(path, "a ServerlessWorkflow manifest");
        var data = BundledDataSet.Load();
        var snapshot = CarbonChoice.Resolve(carbon, request.At, data);
        var window = string.Create(CultureInfo.InvariantCulture,
            $"mean intensity per UTC hour of the day over {snapshot.From:yyyy-MM-dd HH:mm} to {snapshot.At:yyyy-MM-dd HH:mm} UTC " +
            $"(the {snapshot.Window.TotalDays:0.#} days before --at {snapshot.At:yyyy-MM-dd}), bundled Electricity Maps data");
        return [.. workflows.Select(w =>
        {
            var mapped = WorkflowProblemMapper.Map(w, snapshot, data.LambdaPrices, data.TransferPrices, data.Latency, RegionCatalogue.Bundled);
            var plan = Run(mapped.Problem, request, w.Spec.Planning.Algorithm.ToChoice(), w.Spec.Planning.TimeKeysPerDay);
            return new Planned(plan, request.Rate ?? Recorded(w) ?? Assumed(), window);
        })];
    }

    private static Planned PlanBench(string file, Request request)
    {
        using var stream = File.OpenRead(ManifestFiles.RequireFile(file, "--bench-input", "a Caribou bench document (data/bench/case_*.json)"));
        return new Planned(Run(CaribouBenchReader.Read(stream), request, AlgorithmChoice.Auto, 24), request.Rate ?? Assumed(), null);
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

    // The operator records how many invocations its footprint covers and until when; their mean rate is the best
    // guess of the next month's.
    private static InvocationRate? Recorded(ServerlessWorkflow workflow)
    {
        var status = workflow.Status;
        if (status?.Footprint is not { Since: { } since, Invocations: > 0 } footprint || status.Invocations?.LastRecordTime is not { } last)
        {
            return null;
        }
        var hours = Math.Max(1, (last - since).TotalHours);
        return new InvocationRate([.. Enumerable.Repeat(footprint.Invocations / hours, 24)], string.Create(CultureInfo.InvariantCulture,
            $"recorded: {footprint.Invocations} invocations from {since:yyyy-MM-dd HH:mm} to {last:yyyy-MM-dd HH:mm} UTC in the workflow's status"));
    }

    private static InvocationRate Assumed() => new([.. Enumerable.Repeat(AssumedInvocationsPerHour, 24)],
        string.Create(CultureInfo.InvariantCulture, $"assumed {AssumedInvocationsPerHour:0} per hour: no rate is recorded; give yours with " +
            $"--invocations"));

    private static InvocationRate Rate(string text)
    {
        try
        {
            return new InvocationRate(BacktestArguments.Invocations(text), "given by --invocations");
        }
        catch (BacktestInputException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static DateTimeOffset? ParseAt(string? at)
    {
        if (at is null)
        {
            return null;
        }
        return DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var parsed)
            ? parsed
            : throw new UsageException($"--at '{at}' is not a date; write it like 2023-06-15 or 2023-06-15T12:00Z.");
    }

    // Several plans: one table after another; one JSON document holding them all (`plans`), as kubectl lists several
    // objects in one `List`; YAML documents separated by `---`.
    private static string Render(List<Planned> plans, string output, bool verbose)
    {
        var documents = plans.Select(p => PlanDocument.From(p.Plan, p.Rate, p.Carbon)).ToList();
        // Relaxed escaping keeps "+00:00", "−" and "µ" readable; the output is a file or a pipe, never HTML.
        var json = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return output switch
        {
            "json" when documents.Count == 1 => documents[0].ToJsonString(json) + "\n",
            "json" => new JsonObject { ["plans"] = new JsonArray([.. documents]) }.ToJsonString(json) + "\n",
            "yaml" => string.Join("---\n", documents.Select(YamlWriter.Write)),
            _ => string.Join("\n", plans.Select(p => PlanTable.Render(p.Plan, p.Rate, p.Carbon, verbose))),
        };
    }
}

using System.CommandLine;
using Tern.Operator.Cli;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Cli;

/// <summary>The conventions every verb shares: help, exit codes, and messages a user can act on.</summary>
public class TernCliTests
{
    private static readonly string Dna = RepoPaths.Of("examples", "dna-visualization.yaml");

    [Theory]
    [InlineData]
    [InlineData("help")]
    [InlineData("--help")]
    public void Bare_tern_and_help_print_the_verbs_and_exit_0(params string[] args)
    {
        var (exit, output, error) = Tern.Run(args);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("", error);
        Assert.Contains("Commands:", output, StringComparison.Ordinal);
        Assert.Contains("\n  plan [<workflow>]  ", output, StringComparison.Ordinal);
        Assert.Contains("\n  validate <paths>...  ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_with_a_verb_is_the_verbs_help_and_a_group_without_a_verb_prints_its_help()
    {
        Assert.Equal(Tern.Run("plan", "--help"), Tern.Run("help", "plan"));
        var (exit, output, error) = Tern.Run("bench");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("", error);
        Assert.Contains("planner", output, StringComparison.Ordinal);
        Assert.Contains("  tern plan [<workflow>] [options]", Tern.Run("plan", "--help").Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plan"), InlineData("validate"), InlineData("backtest"), InlineData("carbon show"), InlineData("run"), InlineData("generate crds"),
     InlineData("bench planner")]
    public void Every_verbs_help_ends_with_its_exit_codes(string verb)
    {
        var (exit, output, _) = Tern.Run([.. verb.Split(' '), "--help"]);
        Assert.Equal(ExitCodes.Success, exit);
        var codes = output[output.IndexOf("\nExit codes:\n", StringComparison.Ordinal)..];
        Assert.Matches(@"\n  0 +\S", codes);
        Assert.Matches(@"\n  1 +\S", codes);
        Assert.Matches(@"\n  2 +usage", codes);
    }

    [Theory]
    [InlineData("tern plan: --algorithm 'Foo' is not one of: Auto, CoarseGrained, FineGrained, Heuristic.", "plan", "DNA", "--algorithm", "Foo")]
    [InlineData("tern plan: --algorithm 'heuristc' is not one of: Auto, CoarseGrained, FineGrained, Heuristic. Did you mean 'Heuristic'?",
        "plan", "DNA", "--algorithm", "heuristc")]
    [InlineData("tern plan: --seed 99999999999999999999 is a whole number too large (max " +
        "2147483647).", "plan", "DNA", "--seed", "99999999999999999999")]
    [InlineData("tern plan: --seed 'abc' is not a whole number; write one such as 1 or 24.", "plan", "DNA", "--seed", "abc")]
    [InlineData("tern plan: --output 'xml' is not one of: table, json, yaml.", "plan", "DNA", "-o", "xml")]
    [InlineData("tern plan: unknown option --outptu. Did you mean --output?", "plan", "DNA", "--outptu", "json")]
    [InlineData("tern plan: --seed needs a value: Seed of the random draws; the same seed gives the same plan.", "plan", "DNA", "--seed")]
    [InlineData("tern plan: --time-keys 5 does not divide the day into equal whole hours; use one of 1, 2, 3, 4, 6, 8, 12, 24.",
        "plan", "DNA", "--time-keys", "5")]
    [InlineData("tern validate: missing <paths>: Manifest files, or directories whose *.yaml and *.yml files (subdirectories included) are checked.",
        "validate")]
    [InlineData("tern backtest: --from is required: First UTC day of the window, for example 2023-06-01.", "backtest", "DNA", "--to", "2023-06-02")]
    [InlineData("tern backtest: --time-keys 7 does not divide the day into equal whole hours; use one of 1, 2, 3, 4, 6, 8, 12, 24.",
        "backtest", "DNA", "--from", "2023-06-01", "--to", "2023-06-02", "--time-keys", "7")]
    [InlineData("tern backtest: --missing-years 'maybe' is not one of: shift, fail.",
        "backtest", "DNA", "--from", "2023-06-01", "--to", "2023-06-02", "--missing-years", "maybe")]
    [InlineData("tern backtest: --regions: 'US-WEST-2' is not an AWS region in Tern's catalogue. Region codes are lower case: did you mean " +
        "'us-west-2'?",
        "backtest", "DNA", "--from", "2023-06-01", "--to", "2023-06-02", "--regions", "US-WEST-2")]
    [InlineData("tern backtest: --to 2023-06-01 is before --from 2023-06-10; the window runs from --from to --to, both days included.",
        "backtest", "DNA", "--from", "2023-06-10", "--to", "2023-06-01")]
    [InlineData("tern backtest: --from '06/01/2023' is not a day; write it like " +
        "2023-06-01.", "backtest", "DNA", "--from", "06/01/2023", "--to", "2023-06-02")]
    [InlineData("tern carbon show: --output 'yaml' is not one of: table, json.", "carbon", "show", "-o", "yaml")]
    [InlineData("tern: unknown command 'pln': use one of validate, generate, run, plan, bench, carbon, backtest, aws, footprint, dev, " +
        "invoke, new. " +
        "Did you mean plan?", "pln")]
    [InlineData("tern generate crds: unknown option -o.", "generate", "crds", "-o", "config")]
    [InlineData("tern run: --workers 'two' is not a whole number; write one such as 1 or 24.", "run", "--workers", "two")]
    public void A_wrong_command_line_exits_2_and_says_what_is_valid_in_tern_words(string message, params string[] args)
    {
        var (exit, output, error) = Tern.Run([.. args.Select(a => a == "DNA" ? Dna : a)]);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("", output);
        Assert.StartsWith(message, error.Split('\n')[0], StringComparison.Ordinal);
        Assert.EndsWith("--help' for usage.\n", error, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"System\.|Tern\.|Parameter '|Actual value|expected type|   at ", error);
    }

    [Fact]
    public void A_missing_workflow_file_and_a_missing_carbon_file_get_the_same_exit_code_and_message_shape()
    {
        var workflow = Tern.Run("plan", "/nonexistent/workflow.yaml");
        var carbon = Tern.Run("plan", Dna, "--carbon", "/nonexistent/carbon.yaml");
        var backtest = Tern.Run("backtest", "/nonexistent/workflow.yaml", "--from", "2023-06-01", "--to", "2023-06-02");
        Assert.Equal((ExitCodes.Usage, ExitCodes.Usage, ExitCodes.Usage), (workflow.Exit, carbon.Exit, backtest.Exit));
        Assert.Equal("tern plan: /nonexistent/workflow.yaml: no such file or directory; give a ServerlessWorkflow manifest, or a directory of " +
            "them.\n" +
            "Run 'tern plan --help' for usage.\n", workflow.Error);
        Assert.Equal("tern plan: --carbon /nonexistent/carbon.yaml: no such file or directory; " +
            "give a Static CarbonSource manifest, or 'static' for the bundled data.\nRun 'tern plan --help' for usage.\n", carbon.Error);
        Assert.StartsWith("tern backtest: /nonexistent/workflow.yaml: no such file or directory; give a ServerlessWorkflow manifest, or a " +
            "directory of them.\n",
            backtest.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_names_a_format_in_every_verb_and_directories_are_output_dir()
    {
        var options = AllCommands(TernCli.Build()).SelectMany(c => c.Options.Select(o => (Command: c.Name, Option: o))).ToList();
        var outputs = options.Where(o => o.Option.Name == "--output").ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.StartsWith("table|json", o.Option.HelpName, StringComparison.Ordinal));
        Assert.All(options.Where(o => o.Option.Aliases.Contains("-o")), o => Assert.Equal("--output", o.Option.Name));
        Assert.Equal(["backtest", "crds", "jobs", "workflow"],
            options.Where(o => o.Option.Name == "--output-dir").Select(o => o.Command).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Backtest_help_prints_each_default_once()
    {
        var help = Tern.Run("backtest", "--help").Output;
        foreach (var line in help.Split('\n').Where(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal)))
        {
            Assert.True(line.Split("default").Length <= 2, line);
        }
        Assert.Contains("--forecast <forecast>", help, StringComparison.Ordinal);
        Assert.Contains("[default: trailing-mean:7d]", help, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_help_says_how_an_outside_client_reaches_the_sandbox()
    {
        Assert.Contains("see --sandbox-kubeconfig", Tern.Run("run", "--help").Output, StringComparison.Ordinal);
    }

    private static IEnumerable<Command> AllCommands(Command command) => command.Subcommands.SelectMany(AllCommands).Prepend(command);
}

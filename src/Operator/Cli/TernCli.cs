using System.CommandLine;

namespace Tern.Operator.Cli;

/// <summary>The `tern` command line: one subcommand per verb, each in its own file.</summary>
internal static class TernCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Tern: a Kubernetes operator that runs serverless workflows where the grid is cleanest.");
        root.Add(ValidateCommand.Create());
        root.Add(GenerateCommand.Create());
        root.Add(RunCommand.Create());
        root.Add(PlanCommand.Create());
        root.Add(BenchCommand.Create());
        root.Add(CarbonCommand.Create());
        root.Add(BacktestCommand.Create());
        root.Add(AwsCommand.Create());
        root.Add(DevCommand.Create());
        root.Add(InvokeCommand.Create());
        root.Add(NewCommand.Create());
        return root;
    }
}

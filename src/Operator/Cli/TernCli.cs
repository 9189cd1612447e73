using System.CommandLine;
using System.CommandLine.Help;

namespace Tern.Operator.Cli;

/// <summary>The `tern` command line: one subcommand per verb, each in its own file, and the conventions every verb
/// shares, applied here once: `tern` and `tern help [verb]` print help (exit 0, as kubectl and helm do); a wrong
/// command line says what is valid and exits 2; an input that cannot be used exits 1; nothing a user sees names a
/// .NET type or shows a stack trace.</summary>
internal static class TernCli
{
    public static RootCommand Build() => Compose().Root;

    private static (RootCommand Root, Dictionary<Command, IReadOnlyList<ExitCodeMeaning>> ExitCodes) Compose()
    {
        // Named here, not after the executable, so help reads the same from `dotnet run`, the published binary and tests.
        var root = new RootCommand("Tern: a Kubernetes operator that runs serverless workflows where the grid is cleanest.") { HelpName = "tern" };
        var exitCodes = new Dictionary<Command, IReadOnlyList<ExitCodeMeaning>>();
        void Add(Command verb, IReadOnlyList<ExitCodeMeaning>? codes = null)
        {
            root.Add(verb);
            if (codes is not null)
            {
                exitCodes[verb] = codes;
            }
        }
        Add(ValidateCommand.Create(), ValidateCommand.ExitCodes);
        Add(GenerateCommand.Create());
        Add(RunCommand.Create());
        Add(PlanCommand.Create(), PlanCommand.ExitCodes);
        Add(BenchCommand.Create());
        var carbon = CarbonCommand.Create();
        Add(carbon);
        exitCodes[carbon.Subcommands.Single(c => c.Name == "show")] = CarbonCommand.ExitCodes;
        Add(BacktestCommand.Create(), BacktestCommand.ExitCodes);
        Add(AwsCommand.Create());
        var footprint = FootprintCommand.Create();
        Add(footprint);
        exitCodes[footprint.Subcommands.Single(c => c.Name == "jobs")] = FootprintCommand.ExitCodes;
        Add(DevCommand.Create());
        Add(InvokeCommand.Create());
        Add(NewCommand.Create());
        ValueParsers.Install(root);
        VerbAction.Install(root, "tern");
        return (root, exitCodes);
    }

    /// <summary>Runs the command line <paramref name="args"/> and returns the exit code.</summary>
    public static int Invoke(IReadOnlyList<string> args, TextWriter output, TextWriter error) =>
        InvokeAsync(args, output, error, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc cref="Invoke"/>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(output);
        var (root, exitCodes) = Compose();
        // `tern help plan` is `tern plan --help`.
        // `--payload @file` names a file to read, so System.CommandLine's response files (an @file expanded into arguments) are off.
        var parser = new ParserConfiguration { ResponseFileTokenReplacer = null };
        var parsed = root.Parse(args.Count > 0 && args[0] == "help" ? [.. args.Skip(1), "--help"] : args, parser);
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parsed.CommandResult.Command.Name == "run")
        {
            // On SIGTERM System.CommandLine cancels the command and, by default, ends the process 2 s later with exit code 143;
            // `tern run` gets the time its graceful shutdown needs (in-flight reconciles, then the lease's release).
            config.ProcessTerminationTimeout = RunCommand.TerminationTimeout;
        }
        var name = Name(parsed.CommandResult.Command);
        if (UsageErrors.OnlyLacksSubcommand(parsed))
        {
            parsed = root.Parse([.. Path(parsed.CommandResult.Command).Skip(1), "--help"], parser);
        }
        if (parsed.Action is HelpAction)
        {
            var help = new StringWriter();
            parsed.Invoke(new InvocationConfiguration { Output = help, Error = error });
            await output.WriteAsync(HelpText.Render(help.ToString(), parsed.CommandResult.Command, exitCodes)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        if (parsed.Errors.Count > 0)
        {
            foreach (var message in UsageErrors.Describe(parsed))
            {
                await error.WriteLineAsync($"{name}: {message}").ConfigureAwait(false);
            }
            await error.WriteLineAsync($"Run '{name} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
    }

    private static string Name(Command command) => string.Join(' ', Path(command).Skip(1).Prepend("tern"));

    private static List<string> Path(Command command)
    {
        var names = new List<string>();
        for (Command? current = command; current is not null; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, current.Name);
        }
        return names;
    }
}

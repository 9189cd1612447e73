using System.CommandLine;
using System.CommandLine.Invocation;
using Tern.Backtest;
using Tern.Planning.CaribouBench;
using Tern.Planning.Workflows;

namespace Tern.Operator.Cli;

/// <summary>Wraps every verb's action so that however the command line is invoked (the program, a test through
/// <see cref="TernCli.Invoke"/> or straight through the library) a verb's errors end the same way: a usage error exits 2
/// with a pointer to the help, an input that cannot be used exits 1, both with the message alone; anything else is a bug
/// (exit 70), reported without a stack trace. Verbs therefore throw and never catch these themselves.</summary>
internal sealed class VerbAction(CommandLineAction inner, string verb) : AsynchronousCommandLineAction
{
    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return inner switch
            {
                AsynchronousCommandLineAction asynchronous => await asynchronous.InvokeAsync(parseResult, cancellationToken).ConfigureAwait(false),
                SynchronousCommandLineAction synchronous => synchronous.Invoke(parseResult),
                _ => throw new InvalidOperationException($"{verb} has an action of an unknown kind."),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"{verb}: {e.Message}").ConfigureAwait(false);
            await error.WriteLineAsync($"Run '{verb} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is InputException or BacktestInputException or WorkflowMappingException or BenchDocumentException
            or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{verb}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM stopped a long verb; 128 + SIGINT, as shells report it.
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await error.WriteLineAsync($"{verb}: internal error, a bug in Tern (please report it with the command line that caused it): {e.Message}")
                .ConfigureAwait(false);
            return ExitCodes.Bug;
        }
    }

    /// <summary>Wraps the action of <paramref name="command"/> and of every command under it.</summary>
    public static void Install(Command command, string name)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Action is { } action and not VerbAction)
        {
            command.Action = new VerbAction(action, name);
        }
        foreach (var subcommand in command.Subcommands)
        {
            Install(subcommand, $"{name} {subcommand.Name}");
        }
    }
}

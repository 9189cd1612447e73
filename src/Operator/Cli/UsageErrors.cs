using System.CommandLine;
using System.CommandLine.Parsing;
using Tern.Entities.Validation;

namespace Tern.Operator.Cli;

/// <summary>Says what is wrong with a command line in Tern's words. The library's messages for structural mistakes
/// (unknown tokens, missing options or arguments) are rebuilt from the parse itself, with what is valid; messages
/// about a given value come from <see cref="ValueParsers"/> and are already Tern's.</summary>
internal static class UsageErrors
{
    public static IReadOnlyList<string> Describe(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var command = result.CommandResult.Command;
        var messages = new List<string>();
        foreach (var token in result.UnmatchedTokens)
        {
            messages.Add(Unmatched(command, token));
        }
        foreach (var option in Options(command).Where(o => o.Required && result.GetResult(o) is not { IdentifierToken: not null }))
        {
            messages.Add($"{option.Name} is required: {option.Description}");
        }
        foreach (var option in Options(command))
        {
            if (result.GetResult(option) is OptionResult { Implicit: false, Tokens.Count: 0 } && option.Arity.MinimumNumberOfValues > 0)
            {
                messages.Add($"{option.Name} needs a value: {option.Description}");
            }
        }
        foreach (var argument in command.Arguments)
        {
            if (argument.Arity.MinimumNumberOfValues > 0 && (result.GetResult(argument)?.Tokens.Count ?? 0) == 0)
            {
                messages.Add($"missing <{argument.Name}>: {argument.Description}");
            }
        }
        // Errors about a value that was given (a parser or validator rejected it) are already worded for the user.
        messages.AddRange(result.Errors
            .Where(e => e.SymbolResult is ArgumentResult { Tokens.Count: > 0 } or OptionResult { Tokens.Count: > 0 })
            .Select(e => e.Message));
        return messages.Count > 0 ? [.. messages.Distinct(StringComparer.Ordinal)] : [.. result.Errors.Select(e => e.Message)];
    }

    /// <summary>True when the only problem is a command that needs a subcommand and was given none (bare `tern`,
    /// `tern bench`): help answers that better than an error.</summary>
    public static bool OnlyLacksSubcommand(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var command = result.CommandResult.Command;
        return result.Errors.Count > 0 && command.Subcommands.Count > 0 && command.Action is null && result.UnmatchedTokens.Count == 0
            && result.Errors.All(e => e.SymbolResult is CommandResult);
    }

    private static string Unmatched(Command command, string token)
    {
        if (token.StartsWith('-'))
        {
            var names = Options(command).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).ToList();
            return $"unknown option {token}.{DidYouMean(token, names)}";
        }
        if (command.Subcommands.Count > 0)
        {
            var names = command.Subcommands.Select(c => c.Name).ToList();
            return $"unknown command '{token}': use one of {string.Join(", ", names)}.{DidYouMean(token, names)}";
        }
        return $"unexpected argument '{token}'.";
    }

    private static string DidYouMean(string token, IEnumerable<string> names) =>
        Suggestions.Closest(token, names) is { } close ? $" Did you mean {close}?" : "";

    // The command's own options and the recursive ones of its parents (--help), as the parser sees them.
    private static IEnumerable<Option> Options(Command command) =>
        command.Options.Concat(Ancestors(command).SelectMany(a => a.Options.Where(o => o.Recursive)));

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null;
            parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }
}

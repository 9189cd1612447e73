using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Reflection;
using Tern.Entities.Validation;

namespace Tern.Operator.Cli;

/// <summary>Reads typed option values with messages a user can act on. The library's own conversion errors name .NET
/// types ("as expected type 'Tern.Solvers.Plans.AlgorithmChoice'"); every whole-number and enum option of every verb
/// is given a parser here instead, so no verb has to remember to.</summary>
internal static class ValueParsers
{
    /// <summary>Installs the parsers on every option of <paramref name="command"/> and its subcommands.</summary>
    public static void Install(Command command)
    {
        foreach (var option in command.Options)
        {
            Install(option);
        }
        foreach (var subcommand in command.Subcommands)
        {
            Install(subcommand);
        }
    }

    /// <summary>Accepts only <paramref name="values"/> for <paramref name="option"/>, saying which are valid otherwise; help
    /// shows them as the option's value.</summary>
    public static void AcceptOnly(Option<string> option, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.HelpName = string.Join('|', values);
        option.CompletionSources.Add(values);
        option.Validators.Add(result =>
        {
            var given = result.GetValueOrDefault<string>();
            if (given is not null && !values.Contains(given, StringComparer.Ordinal))
            {
                result.AddError($"{option.Name} '{given}' is not one of: {string.Join(", ", values)}.{Suggestions.DidYouMean(given, values)}");
            }
        });
    }

    /// <summary>The time-key counts the planner accepts: those that divide the day into equal whole hours.</summary>
    public static readonly IReadOnlyList<int> TimeKeyCounts = [1, 2, 3, 4, 6, 8, 12, 24];

    /// <summary>Accepts only a count of <see cref="TimeKeyCounts"/> for <paramref name="option"/> (an int or int? option).</summary>
    public static void AcceptTimeKeyCounts<T>(Option<T> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is int count && !TimeKeyCounts.Contains(count))
            {
                result.AddError($"{option.Name} {count} does not divide the day into equal whole hours; use one of " +
                    $"{string.Join(", ", TimeKeyCounts)}.");
            }
        });
    }

    private static void Install(Option option)
    {
        switch (option)
        {
            case Option<int> whole:
                whole.CustomParser = r => WholeNumber(r, whole.Name) ?? 0;
                return;
            case Option<int?> optional:
                optional.CustomParser = r => WholeNumber(r, optional.Name);
                return;
        }
        var type = option.GetType().GetGenericArguments().SingleOrDefault();
        var enumType = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (enumType is { IsEnum: true })
        {
            var install = typeof(ValueParsers).GetMethod(nameof(InstallEnum), BindingFlags.NonPublic | BindingFlags.Static)!;
            install.MakeGenericMethod(enumType).Invoke(null, [option]);
        }
    }

    private static void InstallEnum<T>(Option option) where T : struct, Enum
    {
        var names = Enum.GetNames<T>();
        T? Parse(ArgumentResult result)
        {
            var text = Token(result);
            if (text is null)
            {
                return null;
            }
            if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && names.Contains(value.ToString(), StringComparer.Ordinal)
                && !text.Any(c => char.IsAsciiDigit(c) || c == ','))
            {
                return value;
            }
            result.AddError($"{option.Name} '{text}' is not one of: {string.Join(", ", names)}.{Suggestions.DidYouMean(text, names)}");
            return null;
        }
        switch (option)
        {
            case Option<T> plain:
                plain.CustomParser = r => Parse(r) ?? default;
                break;
            case Option<T?> nullable:
                nullable.CustomParser = Parse;
                break;
        }
    }

    private static int? WholeNumber(ArgumentResult result, string name)
    {
        var text = Token(result);
        if (text is null)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        var digits = text.TrimStart('-', '+');
        result.AddError(digits.Length > 0 && digits.All(char.IsAsciiDigit)
            ? text.StartsWith('-')
                ? $"{name} {text} is a whole number too small (min {int.MinValue})."
                : $"{name} {text} is a whole number too large (max {int.MaxValue})."
            : $"{name} '{text}' is not a whole number; write one such as 1 or 24.");
        return null;
    }

    private static string? Token(ArgumentResult result) => result.Tokens.Count == 0 ? null : result.Tokens[^1].Value;
}

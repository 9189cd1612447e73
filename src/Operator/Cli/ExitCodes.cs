namespace Tern.Operator.Cli;

/// <summary>The exit codes every verb uses, so a script can tell "fix the command line" from "fix the input" without
/// reading messages. Each verb's help lists them with what they mean for that verb.</summary>
internal static class ExitCodes
{
    /// <summary>The verb did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The input (a manifest, a data file, a window) cannot be used, or the work found problems.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: an unknown option, a missing argument, a value in the wrong form, a path that
    /// does not exist.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C or SIGTERM before it finished.</summary>
    public const int Interrupted = 130;

    /// <summary>A bug in Tern: an error no input should cause (sysexits' EX_SOFTWARE).</summary>
    public const int Bug = 70;

    /// <summary>What a verb's help says when the verb gives no meanings of its own.</summary>
    public static readonly IReadOnlyList<ExitCodeMeaning> Default =
    [
        new(Success, "done"),
        new(Failed, "the input cannot be used (the message says what and where)"),
        new(Usage, "usage: an unknown option, a missing argument, a bad value or a path that does not exist"),
    ];
}

/// <summary>One line of a verb's "Exit codes" help.</summary>
internal sealed record ExitCodeMeaning(int Code, string Meaning);

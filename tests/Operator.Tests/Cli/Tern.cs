using Tern.Operator.Cli;

namespace Tern.Operator.Tests.Cli;

/// <summary>Runs a `tern` command line the way Program.cs does (the conventions in <see cref="TernCli"/> included) and
/// returns the exit code, stdout and stderr.</summary>
internal static class Tern
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = TernCli.Invoke(args, output, error);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }
}

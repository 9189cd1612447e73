using System.CommandLine;
using Tern.Operator.Cli;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Cli;

public class VerbActionTests
{
    private static (int Exit, string Error) Invoke(Command command, params string[] args)
    {
        var error = new StringWriter();
        var exit = command.Parse(args).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        return (exit, error.ToString().ReplaceLineEndings("\n"));
    }

    private static RootCommand Throwing(Exception exception)
    {
        var root = new RootCommand();
        var verb = new Command("verb");
        verb.SetAction(new Func<ParseResult, int>(_ => throw exception));
        root.Add(verb);
        VerbAction.Install(root, "tern");
        return root;
    }

    [Fact]
    public void A_bug_exits_70_with_one_line_and_no_stack_trace()
    {
        var (exit, error) = Invoke(Throwing(new InvalidOperationException("the sky fell")), "verb");
        Assert.Equal(ExitCodes.Bug, exit);
        Assert.Equal("tern verb: internal error, a bug in Tern (please report it with the command line that caused it): the sky fell\n", error);
    }

    [Fact]
    public void Usage_and_input_errors_exit_2_and_1_with_the_message_alone()
    {
        Assert.Equal((ExitCodes.Usage, "tern verb: wrong\nRun 'tern verb --help' for usage.\n"), Invoke(Throwing(new UsageException("wrong")),
            "verb"));
        Assert.Equal((ExitCodes.Failed, "tern verb: unusable\n"), Invoke(Throwing(new InputException("unusable")), "verb"));
    }

    [Fact]
    public void Verbs_built_by_tern_follow_the_conventions_even_when_invoked_straight_through_the_library()
    {
        var (exit, error) = Invoke(TernCli.Build(), "plan", RepoPaths.Of("examples", "dna-visualization.yaml"), "--carbon",
            "/nonexistent/carbon.yaml");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("tern plan: --carbon /nonexistent/carbon.yaml: no such file or directory;", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}

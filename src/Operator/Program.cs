using System.CommandLine;
using Tern.Operator.Cli;

var parsed = TernCli.Build().Parse(args);
// On SIGTERM System.CommandLine cancels the command and, by default, ends the process 2 s later with exit code 143;
// `tern run` gets the time its graceful shutdown needs (in-flight reconciles, then the lease's release).
var invocation = parsed.CommandResult.Command.Name == "run"
    ? new InvocationConfiguration { ProcessTerminationTimeout = RunCommand.TerminationTimeout }
    : new InvocationConfiguration();
return await parsed.InvokeAsync(invocation);

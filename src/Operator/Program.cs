using System.CommandLine;
using Tern.Operator.Cli;

return await TernCli.InvokeAsync(args, Console.Out, Console.Error, CancellationToken.None);

using Tern.Operator.Cli;

return await TernCli.Build().Parse(args).InvokeAsync();

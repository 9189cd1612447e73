using System.CommandLine;
using Tern.Operator.Cli;

// `--payload @file` names a file to read, so System.CommandLine's response files (an @file expanded into arguments) are off.
return await TernCli.Build().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync();

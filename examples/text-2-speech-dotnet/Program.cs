using Tern.Functions;
using TextToSpeech;

// One program serves every function of the workflow: Tern sets TERN_FUNCTION on each copy.
var options = TernFunctionOptions.FromEnvironment();
return await options.RunAsync(Handlers.For(options.Function));

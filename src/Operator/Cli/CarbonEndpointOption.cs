using System.CommandLine;
using Tern.Carbon.Http;

namespace Tern.Operator.Cli;

/// <summary>--allow-carbon-endpoint, shared by `tern run` and `tern carbon show`: the hosts a CarbonSource's endpoint may
/// name besides its provider's default (<see cref="EndpointPolicy"/>).</summary>
internal static class CarbonEndpointOption
{
    public static Option<string[]> Create() => new(EndpointPolicy.Flag)
    {
        Description = "A host a CarbonSource's endpoint may name besides its provider's default (repeatable): HOST or HOST:PORT for https, "
            + "http://HOST:PORT to also allow plain http to that one server (never sent a token).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The policy the option's values give, or the message naming the entry at fault.</summary>
    public static bool TryParse(ParseResult result, Option<string[]> option, out EndpointPolicy policy, out string error)
    {
        try
        {
            policy = EndpointPolicy.Parse(result.GetValue(option) ?? []);
            error = "";
            return true;
        }
        catch (FormatException e)
        {
            policy = EndpointPolicy.DefaultHostsOnly;
            error = e.Message;
            return false;
        }
    }
}

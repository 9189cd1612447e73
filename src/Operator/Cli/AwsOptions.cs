using System.CommandLine;
using System.Text.RegularExpressions;
using Tern.Aws;
using Tern.Aws.Placement;
using Tern.Operator.Platform.Aws;

namespace Tern.Operator.Cli;

/// <summary>The flags of the verbs that talk to AWS (`tern run`, `tern aws setup`), and how they become the AWS
/// clients' configuration. Credentials are never flags: they come from the SDK's default chain (environment, profile,
/// IRSA, EKS Pod Identity, instance metadata).</summary>
internal sealed partial class AwsOptions
{
    public Option<string?> EndpointUrl { get; } = new(AwsConfiguration.EndpointFlag)
    {
        Description = "One URL for every AWS service and region (an emulator such as moto_server). Default: AWS_ENDPOINT_URL and " +
                      "AWS_ENDPOINT_URL_<SERVICE>, else AWS's own endpoints.",
    };

    public Option<string[]> RegistryUrls { get; } = new(AwsConfiguration.RegistryFlag)
    {
        Description = "REGION=URL: reach that region's ECR registry at URL instead (a local registry, a private mirror). Repeatable.",
    };

    public Option<string?> Region { get; } = new("--aws-region")
    {
        Description = "The region of Tern's DynamoDB tables. Default: $AWS_REGION, else $AWS_DEFAULT_REGION.",
    };

    public Option<string> PlacementTable { get; } = new("--placement-table")
    {
        Description = "The DynamoDB table of placement records.",
        DefaultValueFactory = _ => TernTables.DefaultPlacementTable,
    };

    /// <summary>The endpoint, the registry mapping and the table region and name, checked.</summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="environment">Reads AWS_REGION and AWS_DEFAULT_REGION.</param>
    /// <param name="defaultRegion">The region when neither the flag nor the environment names one; null: it must be given.</param>
    /// <exception cref="UsageException">A value is malformed or the region is not given; the message names the flag.</exception>
    public (AwsConfiguration Configuration, AwsPlatformOptions Platform) Resolve(ParseResult result, Func<string, string?> environment,
        string? defaultRegion = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        AwsConfiguration configuration;
        try
        {
            configuration = AwsConfiguration.Create(result.GetValue(EndpointUrl), result.GetValue(RegistryUrls));
        }
        catch (AwsConfigurationException e)
        {
            throw new UsageException(e.Message, e);
        }
        var region = result.GetValue(Region) ?? environment("AWS_REGION") ?? environment("AWS_DEFAULT_REGION") ?? defaultRegion;
        if (string.IsNullOrWhiteSpace(region))
        {
            throw new UsageException(
                "give --aws-region (or set AWS_REGION): the region that holds Tern's DynamoDB tables, e.g. --aws-region us-east-1.");
        }
        if (!AwsConfiguration.IsRegionName(region))
        {
            throw new UsageException($"--aws-region '{region}' is not an AWS region name such as eu-west-1.");
        }
        return (configuration, new AwsPlatformOptions(region, TableName(result.GetValue(PlacementTable)!, "--placement-table")));
    }

    /// <summary>A DynamoDB table name: 3–255 of letters, digits, '_', '-' and '.'.</summary>
    /// <exception cref="UsageException">It is not one.</exception>
    public static string TableName(string name, string flag) =>
        TablePattern().IsMatch(name)
            ? name
            : throw new UsageException($"{flag} '{name}' is not a DynamoDB table name: 3 to 255 letters, digits, '_', '-' or '.'.");

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex TablePattern();
}

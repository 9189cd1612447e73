using Tern.Aws.Placement;

namespace Tern.Operator.Platform.Aws;

/// <summary>Where the AWS platform keeps what is not per region.</summary>
/// <param name="Region">The region of Tern's DynamoDB tables (`--aws-region`).</param>
/// <param name="PlacementTable">The placement table's name (`--placement-table`).</param>
/// <param name="InvocationTable">The invocation records table's name.</param>
internal sealed record AwsPlatformOptions(string Region, string PlacementTable = TernTables.DefaultPlacementTable,
    string InvocationTable = TernTables.DefaultInvocationTable);

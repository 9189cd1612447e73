namespace Tern.Operator.Tests.Support;

/// <summary>The operator's AWS tests share one world and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AwsGroup : ICollectionFixture<AwsWorld>
{
    public const string Name = "aws";
}

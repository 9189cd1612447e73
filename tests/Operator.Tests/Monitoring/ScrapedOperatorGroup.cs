namespace Tern.Operator.Tests.Monitoring;

/// <summary>The tests that share <see cref="ScrapedOperator"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ScrapedOperatorGroup : ICollectionFixture<ScrapedOperator>
{
    public const string Name = "scraped-operator";
}

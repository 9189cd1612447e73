using Tern.Tests.Support.Aws;

namespace Tern.Functions.Tests.Support;

/// <summary>Every test class that talks to moto shares one server.</summary>
[CollectionDefinition(Name)]
public sealed class MotoGroup : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}

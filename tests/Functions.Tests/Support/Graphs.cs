using Tern.Aws.Placement;

namespace Tern.Functions.Tests.Support;

/// <summary>Call graphs for the tests, written as instance → successors.</summary>
internal static class Graphs
{
    /// <summary>A graph whose instance names are the function names (each function called from one place), joins marked.</summary>
    public static CallGraph Of(string entry, IReadOnlyCollection<string> joins, params (string Instance, string[] Successors)[] instances) =>
        new(entry, instances.ToDictionary(i => i.Instance,
            i => new GraphInstance(i.Instance.Split('#')[0], joins.Contains(i.Instance), i.Successors)));
}

namespace Tern.Sandbox.Kinds;

/// <summary>One column of a `kubectl get` table: a CRD's additionalPrinterColumns entry.</summary>
/// <param name="JsonPath">A simple JSONPath (`.spec.homeRegion`, `.status.conditions[?(@.type=="Ready")].status`).</param>
/// <param name="Priority">0: always shown; more: only with `-o wide`.</param>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description = "", int Priority = 0, string Format = "")
{
    public static IReadOnlyList<PrinterColumn> AgeOnly { get; } =
        [new("Age", "date", ".metadata.creationTimestamp", "Time since the object was created.")];
}

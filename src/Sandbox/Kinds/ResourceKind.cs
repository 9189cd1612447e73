using System.Text.Json.Nodes;

namespace Tern.Sandbox.Kinds;

/// <summary>A kind the loopback server stores: where it lives in the URL space, how kubectl names it, how it
/// behaves (status subresource, generation) and, for custom resources, its schema and printer columns.</summary>
internal sealed record ResourceKind(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public string Singular { get; init; } = Kind.ToLowerInvariant();

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>A /status subresource: the main resource ignores status and /status changes only status.</summary>
    public bool HasStatus { get; init; }

    /// <summary>metadata.generation is kept and bumped when anything but metadata and status changes.</summary>
    public bool HasGeneration { get; init; }

    /// <summary>The openAPIV3Schema of a custom resource: objects are pruned, defaulted and validated against it.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>A built-in kind's definition in OpenApi/BuiltInDefinitions.json (for explain); null: none.</summary>
    public string? Definition { get; init; }

    /// <summary>Columns of `kubectl get` after Name (a CRD's additionalPrinterColumns).</summary>
    public IReadOnlyList<PrinterColumn> Columns { get; init; } = PrinterColumn.AgeOnly;

    /// <summary>Defined by a CustomResourceDefinition (validated against its schema, JSON merge patch for strategic).</summary>
    public bool IsCustom { get; init; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Plural and group, the key under which objects are stored whatever version serves them.</summary>
    public string Resource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ListKind => Kind + "List";

    /// <summary>The name used in error messages, as a real server writes it ("ServerlessWorkflow.tern.dev").</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}

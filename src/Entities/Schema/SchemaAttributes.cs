namespace Tern.Entities.Schema;

/// <summary>A CEL rule (<c>x-kubernetes-validations</c>) that the API server checks at admission.</summary>
/// <remarks>CEL cannot see other objects, so only rules about the object itself belong here;
/// everything else is checked by the validation library (Tern.Entities.Validation) and reported as a condition.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true)]
public sealed class CelRuleAttribute(string rule, string message) : Attribute
{
    public string Rule { get; } = rule;
    public string Message { get; } = message;
    /// <summary>The field the error is reported on, relative to the node (for example <c>.entrypoint</c>).</summary>
    public string? FieldPath { get; init; }
}

/// <summary>An <c>additionalPrinterColumns</c> entry shown by <c>kubectl get</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath, string description) : Attribute
{
    public string Name { get; } = name;
    public string Type { get; } = type;
    public string JsonPath { get; } = jsonPath;
    public string Description { get; } = description;
    /// <summary>0 shows the column by default; 1 only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}

/// <summary>Short names for <c>kubectl get</c> (for example <c>swf</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShortNamesAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}

/// <summary>Marks a resource as cluster-scoped; without it a resource is namespaced.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ClusterScopedAttribute : Attribute;

/// <summary>A list whose items are identified by key fields (<c>x-kubernetes-list-type: map</c>), so
/// server-side apply merges items by key and the API server rejects duplicate keys.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}

/// <summary>Longest string allowed in each item of a list of strings, or each value of a map. CEL rules over lists are costed
/// by the longest possible item, so an unbounded item can make the API server reject the CRD.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ItemMaxLengthAttribute(int length) : Attribute
{
    /// <summary>The maximum length of each item.</summary>
    public int Length { get; } = length;
}

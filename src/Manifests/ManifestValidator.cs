using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s.Models;
using Tern.Entities;
using Tern.Entities.CarbonSources;
using Tern.Entities.Regions;
using Tern.Entities.Serialization;
using Tern.Entities.ServerlessWorkflows;
using Tern.Entities.Validation;
using Tern.Manifests.Crds;

namespace Tern.Manifests;

/// <summary>Validates manifest files holding Tern resources: YAML syntax, the CRD schema (as the API
/// server would) and the semantic rules of the validation library, all errors at once with lines.</summary>
public sealed partial class ManifestValidator
{
    // etcd's default request limit: the API server refuses larger objects.
    private const long MaxObjectChars = 1_572_864;

    private readonly Dictionary<string, JsonObject> _schemaByKind;
    private readonly WorkflowValidator _workflows;
    private readonly CarbonSourceValidator _carbonSources;

    public ManifestValidator(RegionCatalogue catalogue)
    {
        var crds = new CrdBuilder(XmlDocumentation.For(typeof(ServerlessWorkflow).Assembly));
        _schemaByKind = CrdCatalog.Resources.ToDictionary(
            r => r.EntityType.GetCustomAttribute<KubernetesEntityAttribute>()!.Kind,
            r => WithStrictMetadata(crds.Build(r.EntityType)));
        _workflows = new WorkflowValidator(catalogue);
        _carbonSources = new CarbonSourceValidator(catalogue);
    }

    public FileReport ValidateFile(string path)
    {
        using var reader = new StreamReader(path);
        return Validate(path, reader);
    }

    public FileReport Validate(string fileName, TextReader text)
    {
        var read = YamlTreeReader.Read(text);
        var fileProblems = new List<ManifestProblem>(read.Problems);
        var documents = read.Documents.Where(d => !IsEmpty(d.Root)).Select(ValidateDocument).ToList();
        if (documents.Count == 0 && fileProblems.Count == 0)
        {
            fileProblems.Add(new ManifestProblem(null, 0, "", "the file holds no Kubernetes object (it is empty or only comments).",
                "Add a ServerlessWorkflow or CarbonSource manifest; see examples/."));
        }
        return new FileReport(fileName, documents, fileProblems);
    }

    // "---" with nothing after it is an empty document, not an object.
    private static bool IsEmpty(YamlNode? root) => root is null || root is YamlScalar scalar && ScalarTypes.Of(scalar) == ScalarTypes.Kind.Null;

    private DocumentReport ValidateDocument(YamlDocumentTree document)
    {
        var problems = new List<ManifestProblem>();
        if (document.SizeChars > MaxObjectChars)
        {
            problems.Add(new ManifestProblem(document.Start, document.Number, "",
                $"the document is {document.SizeChars / 1048576.0:0.0} MiB; the API server stores at most 1.5 MiB per object.",
                "Make it smaller, for example by moving large env values into the image."));
        }
        if (document.Root is not YamlMapping root)
        {
            problems.Add(new ManifestProblem(document.Root!.Position, document.Number, "",
                "a Kubernetes object is a mapping with apiVersion, kind, metadata and spec, but this document is not a mapping.",
                "Start the document with 'apiVersion: tern.dev/v1alpha1'."));
            return new DocumentReport(document.Number, null, null, problems, null);
        }
        var kind = ScalarField(root, "kind");
        if (kind is null || !_schemaByKind.TryGetValue(kind, out var schema))
        {
            return UnknownKind(document, root, kind, problems);
        }
        var apiVersion = ScalarField(root, "apiVersion");
        if (apiVersion != TernApi.ApiVersion)
        {
            problems.Add(new ManifestProblem(Entry(root, "apiVersion")?.Value.Position ?? root.Position, document.Number, "apiVersion",
                $"'{apiVersion}' is not the API version of {kind}.", $"Write apiVersion: {TernApi.ApiVersion}."));
        }

        var checker = new SchemaChecker(document.Number, problems);
        var json = checker.Check(root, schema, "") as JsonObject ?? [];
        // A value the schema check dropped would also fail the semantic checks ("is required"); say it once.
        var dropped = checker.RejectedPaths;
        var semantic = Semantic(kind, json, out var resource)
            .Where(e => !dropped.Any(s => e.Path == s || e.Path.StartsWith(s + ".", StringComparison.Ordinal) || e.Path.StartsWith(s + "[",
                StringComparison.Ordinal)))
            .Select(e => new ManifestProblem(PositionOf(e.Path, checker.Positions) ?? root.Position, document.Number, e.Path, e.Problem, e.Fix));
        problems.AddRange(semantic);
        var ordered = problems.OrderBy(p => p.Position?.Line ?? long.MaxValue).ThenBy(p => p.Position?.Column ?? 0).ToList();
        return new DocumentReport(document.Number, kind, MetadataName(root), ordered, null, resource);
    }

    private DocumentReport UnknownKind(YamlDocumentTree document, YamlMapping root, string? kind, List<ManifestProblem> problems)
    {
        var kinds = _schemaByKind.Keys.ToList();
        if (kind is null)
        {
            problems.Add(new ManifestProblem(root.Position, document.Number, "kind", "the object has no kind.",
                $"Add 'kind: {string.Join("' or 'kind: ", kinds)}'."));
            return new DocumentReport(document.Number, null, MetadataName(root), problems, null);
        }
        if (Suggestions.Closest(kind, kinds) is { } close)
        {
            problems.Add(new ManifestProblem(Entry(root, "kind")!.Value.Position, document.Number, "kind",
                $"'{kind}' is not a Tern kind. Did you mean '{close}'?",
                $"Use one of: {string.Join(", ", kinds)} (kinds are case-sensitive)."));
            return new DocumentReport(document.Number, kind, MetadataName(root), problems, null);
        }
        // Other manifests (Secrets, ConfigMaps) often sit beside Tern's; they are not ours to judge.
        return new DocumentReport(document.Number, kind, MetadataName(root), problems, $"{kind} is not a Tern resource; not checked");
    }

    private IReadOnlyList<ValidationError> Semantic(string kind, JsonObject json, out object? resource)
    {
        try
        {
            if (kind == ServerlessWorkflow.KindName)
            {
                var workflow = json.Deserialize<ServerlessWorkflow>(TernJson.Options)!;
                resource = workflow;
                return _workflows.Validate(workflow);
            }
            var source = json.Deserialize<CarbonSource>(TernJson.Options)!;
            resource = source;
            return _carbonSources.Validate(source);
        }
        catch (JsonException e)
        {
            // The schema check should catch everything the decoder rejects; this keeps a miss from crashing, and says
            // what is wrong without the decoder's own words (which name .NET types).
            resource = null;
            var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            return [Unreadable(path, json)];
        }
    }

    // The integer fields of the resources are 32-bit; the CRD schema says only "integer", as Kubernetes' own types do.
    private static ValidationError Unreadable(string path, JsonObject json)
    {
        JsonNode? node = json;
        foreach (var step in PathStep().Matches(path).Select(m => m.Value.Trim('[', ']')))
        {
            node = node is JsonArray array && int.TryParse(step, out var index) ? (index < array.Count ? array[index] : null)
                : node is JsonObject obj ? obj[step] : null;
        }
        if (node is JsonValue value && value.TryGetValue<long>(out var number))
        {
            return number > int.MaxValue
                ? new ValidationError(path, $"{number} is a whole number too large (max {int.MaxValue}).", $"Write a whole number up to " +
                    $"{int.MaxValue}.")
                : new ValidationError(path, $"{number} is a whole number too small (min {int.MinValue}).", $"Write a whole number from " +
                    $"{int.MinValue}.");
        }
        return new ValidationError(path, "cannot be read as the type this field holds.", "Correct the value; `kubectl explain` or config/crds " +
            "describe the field.");
    }

    // Errors name the deepest path; when that path was not written (a missing field), point at its parent.
    private static SourcePosition? PositionOf(string path, Dictionary<string, SourcePosition> positions)
    {
        for (var current = path; current.Length > 0; current = Parent(current))
        {
            if (positions.TryGetValue(current, out var position))
            {
                return position;
            }
        }
        return null;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    // Read from the YAML itself, so an object whose kind is misspelt or whose spec cannot be decoded is still named.
    private static string? MetadataName(YamlMapping root) =>
        Entry(root, "metadata")?.Value is YamlMapping metadata ? ScalarField(metadata, "name") : null;

    private static YamlEntry? Entry(YamlMapping mapping, string key) => mapping.Entries.FirstOrDefault(e => e.Key.Value == key);

    private static string? ScalarField(YamlMapping mapping, string key) => (Entry(mapping, key)?.Value as YamlScalar)?.Value;

    // The CRD leaves metadata to the API server; a manifest check should still catch `metdata.lables`.
    private static JsonObject WithStrictMetadata(JsonObject crd)
    {
        var schema = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.DeepClone().AsObject();
        var properties = new JsonObject();
        foreach (var property in typeof(V1ObjectMeta).GetProperties())
        {
            var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            properties[jsonName] = jsonName switch
            {
                "name" or "namespace" or "generateName" => new JsonObject { ["type"] = "string" },
                "labels" or "annotations" => new JsonObject { ["type"] = "object",
                    ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
                _ => new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true },
            };
        }
        schema["properties"]!["metadata"] = new JsonObject { ["type"] = "object", ["properties"] = properties };
        return schema;
    }

    [GeneratedRegex(@"[^.\[\]]+|\[[0-9]+\]")]
    private static partial Regex PathStep();
}

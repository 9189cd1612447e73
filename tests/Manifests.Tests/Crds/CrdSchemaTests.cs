using System.Text.Json.Nodes;
using NJsonSchema;
using Tern.Tests.Support;

namespace Tern.Manifests.Tests.Crds;

public class CrdSchemaTests
{
    private static readonly Lazy<JsonSchema> CrdV1 = new(() =>
        JsonSchema.FromFileAsync(RepoPaths.Fixture("k8s", "crd-v1.schema.json")).GetAwaiter().GetResult());

    public static TheoryData<string> CrdNames => [.. CrdFiles.Names];

    [Theory]
    [MemberData(nameof(CrdNames))]
    public void Every_generated_crd_is_a_valid_apiextensions_v1_custom_resource_definition(string fileName)
    {
        var errors = CrdV1.Value.Validate(CrdFiles.Read(fileName).ToJsonString());
        Assert.True(errors.Count == 0, $"{fileName}: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"))}");
    }

    [Fact]
    public void The_crd_v1_schema_rejects_a_malformed_crd()
    {
        var broken = CrdFiles.Workflow;
        broken["spec"]!["scope"] = 3;
        broken["spec"]!["versions"]![0]!.AsObject().Remove("served");
        var errors = Flatten(CrdV1.Value.Validate(broken.ToJsonString())).ToList();
        Assert.Contains(errors, e => e.Path == "#/spec.scope" && e.Kind == NJsonSchema.Validation.ValidationErrorKind.StringExpected);
        Assert.Contains(errors, e => e.Path == "#/spec.versions[0].served" && e.Kind == NJsonSchema.Validation.ValidationErrorKind.PropertyRequired);
    }

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors)
    {
        foreach (var error in errors)
        {
            yield return error;
            if (error is NJsonSchema.Validation.ChildSchemaValidationError child)
            {
                foreach (var nested in Flatten(child.Errors.Values.SelectMany(e => e)))
                {
                    yield return nested;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(CrdNames))]
    public void Every_generated_crd_has_a_structural_schema(string fileName)
    {
        var violations = StructuralRules.Violations(CrdFiles.Schema(CrdFiles.Read(fileName)));
        Assert.True(violations.Count == 0, $"{fileName}:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public void The_structural_rules_catch_what_the_api_server_would_refuse()
    {
        var schema = JsonNode.Parse("""
            {
              "type": "object",
              "properties": {
                "metadata": { "type": "object", "properties": { "name": { "type": "string" } } },
                "spec": {
                  "type": "object",
                  "properties": {
                    "untyped": { "description": "no type" },
                    "both": { "type": "object", "properties": { "a": { "type": "string" } }, "additionalProperties": { "type": "string" } },
                    "nullable": { "type": ["string", "null"] },
                    "ref": { "type": "object", "$ref": "#/definitions/x" },
                    "loose": { "type": "object", "x-kubernetes-preserve-unknown-fields": true },
                    "list": { "type": "array" },
                    "keyed": { "type": "array", "maxItems": 2, "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                               "items": { "type": "object", "properties": { "name": { "type": "string" } } } },
                    "badDefault": { "type": "integer", "default": "three" },
                    "guarded": { "type": "object", "x-kubernetes-validations": [{ "rule": "self.names.size() > 0" }],
                                 "properties": { "names": { "type": "array", "items": { "type": "string" } } } }
                  }
                }
              }
            }
            """)!.AsObject();
        var violations = StructuralRules.Violations(schema);
        string[] expected =
        [
            "metadata: only 'type: object'", ".spec.untyped: no single type", ".spec.both: properties and additionalProperties",
            ".spec.nullable: no single type", ".spec.ref: '$ref'", ".spec.loose: x-kubernetes-preserve-unknown-fields",
            ".spec.list: an array without items", ".spec.keyed: list-map key 'name' is neither required nor defaulted",
            ".spec.badDefault: default", ".spec.guarded.names: an unbounded list", ".spec.guarded.names[]: an unbounded string",
        ];
        foreach (var violation in expected)
        {
            Assert.Contains(violations, v => v.StartsWith(violation, StringComparison.Ordinal));
        }
    }
}

using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using Tern.Entities.ServerlessWorkflows;
using Tern.Manifests.Crds;
using Tern.Tests.Support;

namespace Tern.Manifests.Tests.Crds;

public class CrdGenerationTests
{
    [Fact]
    public void The_committed_crds_are_what_the_csharp_types_generate()
    {
        var generated = CrdCatalog.Render();
        var committed = Directory.GetFiles(RepoPaths.Of("config", "crds")).Select(f => Path.GetFileName(f)!).Order().ToList();
        Assert.Equal(generated.Keys.Order().ToList(), committed);
        foreach (var (fileName, yaml) in generated)
        {
            var onDisk = File.ReadAllText(RepoPaths.Of("config", "crds", fileName));
            Assert.True(yaml == onDisk,
                $"config/crds/{fileName} is stale: it differs from what the types in src/Entities generate. " +
                "Run `dotnet run --project src/Operator -- generate crds` and commit the result.");
        }
    }

    [Fact]
    public void The_workflow_crd_is_namespaced_with_short_name_status_subresource_and_printer_columns()
    {
        var crd = CrdFiles.Workflow;
        Assert.Equal("serverlessworkflows.tern.dev", crd["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("Namespaced", crd["spec"]!["scope"]!.GetValue<string>());
        Assert.Equal(["swf"], crd["spec"]!["names"]!["shortNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        var version = crd["spec"]!["versions"]![0]!;
        Assert.Equal("v1alpha1", version["name"]!.GetValue<string>());
        Assert.NotNull(version["subresources"]!["status"]);
        var columns = version["additionalPrinterColumns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["Home", "Plan", "Savings", "Ready", "Reason", "Invocations", "Age"], columns);
        var ready = version["additionalPrinterColumns"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "Ready")!;
        Assert.Equal(".status.conditions[?(@.type==\"Ready\")].status", ready["jsonPath"]!.GetValue<string>());
    }

    [Fact]
    public void The_carbon_source_crd_is_cluster_scoped_with_its_printer_columns()
    {
        var crd = CrdFiles.CarbonSource;
        Assert.Equal("Cluster", crd["spec"]!["scope"]!.GetValue<string>());
        var columns = crd["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>());
        Assert.Equal(["Provider", "Ready", "Stale", "Last refresh", "Age"], columns);
    }

    [Fact]
    public void Xml_docs_become_descriptions_of_every_spec_and_status_field()
    {
        foreach (var name in CrdFiles.Names)
        {
            var schema = CrdFiles.Schema(CrdFiles.Read(name));
            foreach (var part in new[] { "spec", "status" })
            {
                var missing = SchemaWalk.Nodes(schema["properties"]![part]!.AsObject(), part)
                    .Where(n => n.IsProperty && n.Schema["description"] is null)
                    .Select(n => n.Path)
                    .ToList();
                Assert.True(missing.Count == 0, $"{name}: no description for {string.Join(", ", missing)}");
            }
        }
        var memory = CrdFiles.Schema(CrdFiles.Workflow)["properties"]!["spec"]!["properties"]!["functions"]!["items"]!["properties"]!["memoryMiB"]!;
        Assert.Equal("Memory of the function in MiB (128 to 10240); Lambda gives CPU in proportion to it.",
            memory["description"]!.GetValue<string>());
    }

    [Fact]
    public void Enums_defaults_and_bounds_come_from_the_attributes()
    {
        var function = CrdFiles.Schema(CrdFiles.Workflow)["properties"]!["spec"]!["properties"]!["functions"]!["items"]!["properties"]!;
        Assert.Equal(["x86_64", "arm64"], function["architecture"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("x86_64", function["architecture"]!["default"]!.GetValue<string>());
        Assert.Equal(128, function["memoryMiB"]!["minimum"]!.GetValue<long>());
        Assert.Equal(10240, function["memoryMiB"]!["maximum"]!.GetValue<long>());
        Assert.Equal(900, function["timeoutSeconds"]!["maximum"]!.GetValue<long>());
        var spec = CrdFiles.Schema(CrdFiles.Workflow)["properties"]!["spec"]!;
        Assert.Equal(["homeRegion", "executionRoleArn", "entrypoint", "functions"], spec["required"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.NotNull(spec["properties"]!["planning"]!["default"]);
    }

    [Fact]
    public void Cel_rules_check_what_admission_can_see()
    {
        var rules = CrdFiles.Schema(CrdFiles.Workflow)["properties"]!["spec"]!["x-kubernetes-validations"]!.AsArray()
            .Select(r => r!["rule"]!.GetValue<string>()).ToList();
        Assert.Contains("self.functions.exists(f, f.name == self.entrypoint)", rules);
        Assert.Contains(rules, r => r.Contains("excludedRegions", StringComparison.Ordinal));
        var carbonRules = CrdFiles.Schema(CrdFiles.CarbonSource)["properties"]!["spec"]!["x-kubernetes-validations"]!.AsArray();
        Assert.Equal(3, carbonRules.Count);
    }

    [Fact]
    public void Conditions_follow_the_kubernetes_conventions()
    {
        foreach (var name in CrdFiles.Names)
        {
            var conditions = CrdFiles.Schema(CrdFiles.Read(name))["properties"]!["status"]!["properties"]!["conditions"]!;
            Assert.Equal("map", conditions["x-kubernetes-list-type"]!.GetValue<string>());
            Assert.Equal(["type"], conditions["x-kubernetes-list-map-keys"]!.AsArray().Select(k => k!.GetValue<string>()));
            var item = conditions["items"]!;
            Assert.Equal(["type", "status", "lastTransitionTime", "reason", "message"],
                item["required"]!.AsArray().Select(v => v!.GetValue<string>()));
            Assert.Equal(["True", "False", "Unknown"], item["properties"]!["status"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
            Assert.NotNull(item["properties"]!["observedGeneration"]);
            Assert.NotNull(CrdFiles.Schema(CrdFiles.Read(name))["properties"]!["status"]!["properties"]!["observedGeneration"]);
        }
    }

    // The API server applies the schema defaults; the controller uses the C# initialisers. They must agree.
    [Fact]
    public void Every_default_value_attribute_matches_the_property_initialiser()
    {
        var types = typeof(ServerlessWorkflow).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null && t.Namespace!.StartsWith("Tern.Entities",
                StringComparison.Ordinal));
        var checkedCount = 0;
        foreach (var type in types)
        {
            var instance = Activator.CreateInstance(type);
            foreach (var property in type.GetProperties())
            {
                if (property.GetCustomAttribute<DefaultValueAttribute>() is { } attribute)
                {
                    Assert.True(Equals(attribute.Value, property.GetValue(instance)),
                        $"{type.Name}.{property.Name}: [DefaultValue({attribute.Value})] but the initialiser gives {property.GetValue(instance)}");
                    checkedCount++;
                }
            }
        }
        Assert.True(checkedCount >= 15, $"only {checkedCount} defaults were checked; the type scan is missing types");
    }
}

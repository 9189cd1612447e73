using Tern.Aws;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Manifests;

namespace Tern.Operator.Cli;

/// <summary>What `tern dev` was asked to run, checked.</summary>
internal sealed record DevSettings(ServerlessWorkflow Workflow, string Project, Uri? Endpoint, IReadOnlyDictionary<string, string> Placed,
    string? Payload, bool Once)
{
    /// <exception cref="UsageException">A value is wrong; the message names the flag or the manifest's problems.</exception>
    public static DevSettings Resolve(string manifest, string project, string? endpoint, IReadOnlyList<string> place, string? payload, bool once)
    {
        if (!File.Exists(manifest))
        {
            throw new UsageException($"{manifest} does not exist; give the workflow's manifest file.");
        }
        var report = new ManifestValidator(RegionCatalogue.Bundled).ValidateFile(manifest);
        var problems = report.FileProblems.Concat(report.Documents.SelectMany(d => d.Problems)).Select(p => p.ToString()).ToList();
        var workflows = report.Documents.Select(d => d.Resource).OfType<ServerlessWorkflow>().ToList();
        if (problems.Count > 0 || workflows.Count != 1)
        {
            throw new UsageException(problems.Count > 0
                ? $"{manifest} is not valid (`tern validate {manifest}` shows where):\n  {string.Join("\n  ", problems)}"
                : $"{manifest} holds {workflows.Count} ServerlessWorkflows; give a file with exactly one.");
        }
        var workflow = workflows[0];
        workflow.Metadata.NamespaceProperty ??= "default";
        Uri? url = null;
        try
        {
            url = string.IsNullOrWhiteSpace(endpoint) ? null : AwsConfiguration.Create(endpoint).EndpointUrl;
        }
        catch (AwsConfigurationException e)
        {
            throw new UsageException(e.Message, e);
        }
        var placed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in place)
        {
            var parts = entry.Split('=', 2);
            if (parts.Length != 2 || workflow.Spec.Functions.All(f => f.Name != parts[0]) || !AwsConfiguration.IsRegionName(parts[1]))
            {
                throw new UsageException($"--place '{entry}' is not FUNCTION=REGION with a function of {workflow.Metadata.Name} " +
                                         $"({string.Join(", ", workflow.Spec.Functions.Select(f => f.Name))}) and a region such as eu-west-1.");
            }
            placed[parts[0]] = parts[1];
        }
        if (once && payload is null)
        {
            throw new UsageException("--once waits for the run --payload starts; give --payload too.");
        }
        return new DevSettings(workflow, project, url, placed, payload, once);
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Tern.Sandbox.Apply;
using Tern.Sandbox.Http;
using Tern.Sandbox.Kinds;
using Tern.Sandbox.Serialization;
using Tern.Sandbox.Storage;
using Tern.Sandbox.Validation;
using Tern.Sandbox.Watch;

namespace Tern.Sandbox;

/// <summary>A small Kubernetes API server on 127.0.0.1 for tests and the local sandbox. It serves what kubectl,
/// helm and the operator use (see README.md beside this file for what it does and where it differs from a real
/// API server), can keep its objects in a data directory, and can inject faults. It is a test fixture, not a
/// Kubernetes replacement.</summary>
public sealed class LoopbackApiServer : IAsyncDisposable
{
    private static readonly string[] InitialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];
    private readonly ObjectStore _store;
    private readonly KindRegistry _kinds = new();
    private readonly FieldManager _fields;
    private readonly LoopbackServerOptions _options;
    private RequestHandler? _handler;
    private WebApplication? _app;

    public LoopbackApiServer(TimeProvider? clock = null, LoopbackServerOptions? options = null)
    {
        var time = clock ?? TimeProvider.System;
        _options = options ?? new LoopbackServerOptions();
        _store = new ObjectStore(time, _options.DataDirectory is { } directory ? new ObjectPersistence(directory) : null);
        _fields = new FieldManager(time);
        Clock = time;
        // The namespaces every cluster has.
        var namespaces = _kinds.Find("", "v1", "namespaces")!;
        foreach (var name in InitialNamespaces.Where(n => _store.TryGet(namespaces, "", n) is null))
        {
            var body = new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["status"] = new JsonObject { ["phase"] = "Active" } };
            _store.Create(namespaces, "", body, (_, proposed) => proposed, dryRun: false);
        }
        // Persisted CRDs serve their kinds again after a restart.
        foreach (var crd in _store.List(CrdKind, null).Items.Where(c => c["metadata"]?["deletionTimestamp"] is null))
        {
            _kinds.Register(crd);
        }
    }

    /// <summary>Failures to inject.</summary>
    public Faults Faults { get; } = new();

    /// <summary>How often open watches get a bookmark.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests served so far, by HTTP method (to check that nothing is written twice).</summary>
    public IReadOnlyDictionary<string, int> Requests => _handler?.Requests ?? new Dictionary<string, int>();

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    private TimeProvider Clock { get; }

    private ResourceKind CrdKind => _kinds.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_options.Port}");
        var app = builder.Build();
        var admission = new ObjectAdmission(new SchemaValidator(new CelRules()));
        var watches = new WatchStream(_store, Faults, BookmarkInterval, Clock);
        var resources = new ResourceApi(_store, _kinds, admission, _fields, Faults, watches, Clock);
        _handler = new RequestHandler(_kinds, resources, Faults, () => BaseUri.Authority);
        app.Run(_handler.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        _app = app;
        BaseUri = new Uri(app.Urls.First());
    }

    /// <summary>Creates (or updates) a CustomResourceDefinition and serves its kinds, as applying it to a real server does.</summary>
    public void RegisterCrd(JsonObject crd)
    {
        var name = crd["metadata"]?["name"]?.GetValue<string>() ?? throw new ArgumentException("the CRD has no metadata.name", nameof(crd));
        CrdReader.Kinds(crd);
        JsonObject stored;
        if (_store.TryGet(CrdKind, "", name) is null)
        {
            stored = _store.Create(CrdKind, "", (JsonObject)crd.DeepClone(), (_, proposed) => CrdReader.WithStatus(proposed, Clock), dryRun: false);
        }
        else
        {
            stored = _store.Update(CrdKind, "", name, _ => (JsonObject)crd.DeepClone(), statusOnly: false, (_,
                proposed) => CrdReader.WithStatus(proposed, Clock), dryRun: false);
        }
        _kinds.Register(stored);
    }

    /// <summary>Registers every CRD in the YAML files of <paramref name="directory"/> (config/crds).</summary>
    public void RegisterCrds(string directory)
    {
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Where(f => !f.EndsWith("kustomization.yaml",
            StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            RegisterCrd((JsonObject)YamlReading.ReadAll(File.ReadAllText(file))[0]!);
        }
    }

    /// <summary>Writes a kubeconfig whose current context points at this server, for kubectl, helm or `tern run`.</summary>
    public void WriteKubeconfig(string path) => Kubeconfig.Write(path, BaseUri);

    public async ValueTask DisposeAsync()
    {
        Faults.DropWatches();
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using System.Text.Json.Nodes;

namespace Tern.Sandbox.Kinds;

/// <summary>The kinds the server serves: the built-in ones and those of the CustomResourceDefinitions created so far.</summary>
internal sealed class KindRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceKind> _kinds = [];

    public KindRegistry()
    {
        foreach (var kind in BuiltInKinds.All)
        {
            _kinds[(kind.Group, kind.Version, kind.Plural)] = kind;
        }
    }

    /// <summary>Raised after the set of kinds changed (a CRD was created, changed or deleted).</summary>
    public event Action? Changed;

    public ResourceKind? Find(string group, string version, string plural)
    {
        lock (_gate)
        {
            return _kinds.GetValueOrDefault((group, version, plural));
        }
    }

    /// <summary>Every served kind, built-in first, in a stable order.</summary>
    public IReadOnlyList<ResourceKind> All()
    {
        lock (_gate)
        {
            return [.. _kinds.Values.OrderBy(k => k.IsCustom).ThenBy(k => k.Group, StringComparer.Ordinal)
                .ThenBy(k => k.Version, StringComparer.Ordinal).ThenBy(k => k.Plural, StringComparer.Ordinal)];
        }
    }

    /// <summary>Serves the kinds a CustomResourceDefinition defines, replacing the earlier ones of the same CRD.</summary>
    public void Register(JsonObject crd)
    {
        var kinds = CrdReader.Kinds(crd);
        lock (_gate)
        {
            RemoveLocked(kinds[0].Group, kinds[0].Plural);
            foreach (var kind in kinds)
            {
                _kinds[(kind.Group, kind.Version, kind.Plural)] = kind;
            }
        }
        Changed?.Invoke();
    }

    /// <summary>Stops serving a deleted CRD's kinds (its objects stay stored, as they are unreachable anyway).</summary>
    public void Unregister(JsonObject crd)
    {
        var kinds = CrdReader.Kinds(crd);
        lock (_gate)
        {
            RemoveLocked(kinds[0].Group, kinds[0].Plural);
        }
        Changed?.Invoke();
    }

    private void RemoveLocked(string group, string plural)
    {
        foreach (var key in _kinds.Keys.Where(k => k.Group == group && k.Plural == plural && _kinds[k].IsCustom).ToList())
        {
            _kinds.Remove(key);
        }
    }
}

using System.Text.Json;
using k8s;
using k8s.Models;
using Tern.Entities.Serialization;

namespace Tern.Operator.Runtime;

/// <summary>Decides whether an update seen by the informer is worth a reconcile. Adds and deletes always are;
/// a filter sees only updates, with the object before and after.</summary>
internal delegate bool EventFilter<in T>(T before, T after) where T : IKubernetesObject<V1ObjectMeta>;

/// <summary>The filters controllers are registered with, as values (controller-runtime's predicates).</summary>
internal static class EventFilters
{
    /// <summary>A change of spec (generation), deletion, finalizers, labels or annotations. The operator's own status
    /// writes change none of these, so they never trigger another reconcile (that would loop on every write).</summary>
    public static bool GenerationOrMetadataChanged<T>(T before, T after) where T : IKubernetesObject<V1ObjectMeta> =>
        before.Metadata.Generation != after.Metadata.Generation
        || before.Metadata.DeletionTimestamp != after.Metadata.DeletionTimestamp
        || !Same(before.Metadata.Finalizers, after.Metadata.Finalizers)
        || !Same(before.Metadata.Labels, after.Metadata.Labels)
        || !Same(before.Metadata.Annotations, after.Metadata.Annotations);

    /// <summary>Every update, status writes included.</summary>
    public static bool Any<T>(T before, T after) where T : IKubernetesObject<V1ObjectMeta> => true;

    private static bool Same<TValue>(TValue? a, TValue? b) =>
        JsonSerializer.Serialize(a, TernJson.Options) == JsonSerializer.Serialize(b, TernJson.Options);
}

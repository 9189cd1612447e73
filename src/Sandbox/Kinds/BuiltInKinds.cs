namespace Tern.Sandbox.Kinds;

/// <summary>The built-in kinds the sandbox serves: the ones the operator uses (with their definitions from the
/// Kubernetes API, for `kubectl explain`) and the ones the Helm chart renders, stored generically.</summary>
internal static class BuiltInKinds
{
    private const string Core = "";

    public static IReadOnlyList<ResourceKind> All { get; } =
    [
        new(Core, "v1", "namespaces", "Namespace", Namespaced: false)
        {
            ShortNames = ["ns"], Definition = "io.k8s.api.core.v1.Namespace", HasStatus = true,
            Columns = [new("Status", "string", ".status.phase", "The phase of the namespace."), .. PrinterColumn.AgeOnly],
        },
        new(Core, "v1", "secrets", "Secret", Namespaced: true)
        {
            Definition = "io.k8s.api.core.v1.Secret",
            Columns = [new("Type", "string", ".type", "The type of the secret."), .. PrinterColumn.AgeOnly],
        },
        new(Core, "v1", "configmaps", "ConfigMap", Namespaced: true) { ShortNames = ["cm"], Definition = "io.k8s.api.core.v1.ConfigMap" },
        new(Core, "v1", "events", "Event", Namespaced: true) { ShortNames = ["ev"], Definition = "io.k8s.api.core.v1.Event",
            Columns = EventColumns(".involvedObject", ".message") },
        new("events.k8s.io", "v1", "events", "Event", Namespaced: true)
        {
            ShortNames = ["ev"], Definition = "io.k8s.api.events.v1.Event", Columns = EventColumns(".regarding", ".note"),
        },
        new("coordination.k8s.io", "v1", "leases", "Lease", Namespaced: true)
        {
            Definition = "io.k8s.api.coordination.v1.Lease",
            Columns = [new("Holder", "string", ".spec.holderIdentity", "The holder of the lease."), .. PrinterColumn.AgeOnly],
        },
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false)
        {
            ShortNames = ["crd", "crds"], Categories = ["api-extensions"], HasStatus = true, HasGeneration = true,
            Columns = [new("Created At", "date", ".metadata.creationTimestamp", "When the CRD was created.")],
        },
        // Stored generically, without a schema: what `helm install charts/tern` renders.
        new(Core, "v1", "services", "Service", Namespaced: true) { ShortNames = ["svc"], Categories = ["all"], HasStatus = true },
        new(Core, "v1", "serviceaccounts", "ServiceAccount", Namespaced: true) { ShortNames = ["sa"] },
        new(Core, "v1", "pods", "Pod", Namespaced: true) { ShortNames = ["po"], Categories = ["all"], HasStatus = true },
        new("apps", "v1", "deployments", "Deployment", Namespaced: true)
        {
            ShortNames = ["deploy"], Categories = ["all"], HasStatus = true, HasGeneration = true,
            Columns = [new("Available", "integer", ".status.availableReplicas", "Available replicas."), .. PrinterColumn.AgeOnly],
        },
        // What `tern footprint jobs --kube-jobs` lists beside the pods.
        new("batch", "v1", "jobs", "Job", Namespaced: true) { Categories = ["all"], HasStatus = true, HasGeneration = true },
        new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", Namespaced: false),
        new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", Namespaced: false),
        new("rbac.authorization.k8s.io", "v1", "roles", "Role", Namespaced: true),
        new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", Namespaced: true),
    ];

    private static PrinterColumn[] EventColumns(string subject, string message) =>
    [
        new("Type", "string", ".type", "Normal or Warning."),
        new("Reason", "string", ".reason", "Why the event happened."),
        new("Object", "string", subject + ".name", "The object the event is about."),
        new("Message", "string", message, "What happened."),
        new("Last Seen", "date", ".metadata.creationTimestamp", "When the event was recorded."),
    ];
}

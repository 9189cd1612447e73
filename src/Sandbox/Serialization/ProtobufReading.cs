using System.Text;
using System.Text.Json.Nodes;

namespace Tern.Sandbox.Serialization;

/// <summary>Kubernetes' protobuf encoding ("k8s\0" and a runtime.Unknown envelope), read for the kinds clients
/// send that way: helm and kubectl's typed clients write Secrets (helm's release records), ConfigMaps and
/// Namespaces in protobuf and cannot fall back to JSON. Only the fields those objects use are read: metadata
/// (names, labels, annotations, owner references, finalizers, resourceVersion), data, stringData, binaryData,
/// type and immutable. Anything else is refused with 415.</summary>
internal static class ProtobufReading
{
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    public static bool IsProtobuf(string contentType) => contentType.Contains("application/vnd.kubernetes.protobuf", StringComparison.Ordinal);

    /// <summary>The object as JSON; null when its kind is not one the sandbox reads in protobuf.</summary>
    public static JsonObject? Read(byte[] bytes)
    {
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return null;
        }
        string apiVersion = "", kind = "";
        byte[] raw = [];
        foreach (var (field, value) in Fields(bytes[Magic.Length..]))
        {
            if (field == 1)
            {
                foreach (var (typeField, typeValue) in Fields(value))
                {
                    (apiVersion, kind) = typeField == 1 ? (Text(typeValue), kind) : typeField == 2 ? (apiVersion, Text(typeValue)) : (apiVersion,
                        kind);
                }
            }
            else if (field == 2)
            {
                raw = value;
            }
        }
        JsonObject? body = (apiVersion, kind) switch
        {
            ("v1", "Secret") => Secret(raw),
            ("v1", "ConfigMap") => ConfigMap(raw),
            ("v1", "Namespace") => MetadataOnly(raw),
            _ => null,
        };
        if (body is not null)
        {
            body["apiVersion"] = apiVersion;
            body["kind"] = kind;
        }
        return body;
    }

    private static JsonObject Secret(byte[] raw)
    {
        var secret = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            switch (field)
            {
                case 1: secret["metadata"] = Metadata(value); break;
                case 2: Entry(secret, "data", value, bytes: true); break;
                case 3: secret["type"] = Text(value); break;
                case 4: Entry(secret, "stringData", value, bytes: false); break;
                case 5: secret["immutable"] = value.Length > 0 && value[0] != 0; break;
            }
        }
        return secret;
    }

    private static JsonObject ConfigMap(byte[] raw)
    {
        var map = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            switch (field)
            {
                case 1: map["metadata"] = Metadata(value); break;
                case 2: Entry(map, "data", value, bytes: false); break;
                case 3: Entry(map, "binaryData", value, bytes: true); break;
                case 4: map["immutable"] = value.Length > 0 && value[0] != 0; break;
            }
        }
        return map;
    }

    private static JsonObject MetadataOnly(byte[] raw) =>
        new() { ["metadata"] = Fields(raw).Where(f => f.Field == 1).Select(f => Metadata(f.Value)).FirstOrDefault() ?? [] };

    private static JsonObject Metadata(byte[] raw)
    {
        var metadata = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            switch (field)
            {
                case 1: metadata["name"] = Text(value); break;
                case 2: metadata["generateName"] = Text(value); break;
                case 3: metadata["namespace"] = Text(value); break;
                case 5: metadata["uid"] = Text(value); break;
                case 6: metadata["resourceVersion"] = Text(value); break;
                case 11: Entry(metadata, "labels", value, bytes: false); break;
                case 12: Entry(metadata, "annotations", value, bytes: false); break;
                case 13: Add(metadata, "ownerReferences", OwnerReference(value)); break;
                case 14: Add(metadata, "finalizers", JsonValue.Create(Text(value))); break;
            }
        }
        return metadata;
    }

    private static JsonObject OwnerReference(byte[] raw)
    {
        var reference = new JsonObject();
        foreach (var (field, value) in Fields(raw))
        {
            switch (field)
            {
                case 1: reference["kind"] = Text(value); break;
                case 3: reference["name"] = Text(value); break;
                case 4: reference["uid"] = Text(value); break;
                case 5: reference["apiVersion"] = Text(value); break;
                case 6: reference["controller"] = value.Length > 0 && value[0] != 0; break;
                case 7: reference["blockOwnerDeletion"] = value.Length > 0 && value[0] != 0; break;
            }
        }
        return reference;
    }

    /// <summary>One map entry (key = field 1, value = field 2) into <paramref name="owner"/>[<paramref name="name"/>].</summary>
    private static void Entry(JsonObject owner, string name, byte[] raw, bool bytes)
    {
        string key = "";
        JsonNode? value = JsonValue.Create("");
        foreach (var (field, content) in Fields(raw))
        {
            if (field == 1)
            {
                key = Text(content);
            }
            else if (field == 2)
            {
                value = JsonValue.Create(bytes ? Convert.ToBase64String(content) : Text(content));
            }
        }
        if (owner[name] is not JsonObject map)
        {
            map = [];
            owner[name] = map;
        }
        map[key] = value;
    }

    private static void Add(JsonObject owner, string name, JsonNode item)
    {
        if (owner[name] is not JsonArray list)
        {
            list = [];
            owner[name] = list;
        }
        list.Add(item);
    }

    private static string Text(byte[] value) => Encoding.UTF8.GetString(value);

    /// <summary>The fields of one message: varints as their little-endian bytes, length-delimited fields as their content.</summary>
    private static List<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var fields = new List<(int, byte[])>();
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    fields.Add((field, BitConverter.GetBytes(Varint(message, ref at))));
                    break;
                case 1:
                    fields.Add((field, message[at..(at + 8)]));
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    fields.Add((field, message[at..(at + length)]));
                    at += length;
                    break;
                case 5:
                    fields.Add((field, message[at..(at + 4)]));
                    at += 4;
                    break;
                default:
                    throw new FormatException($"unsupported protobuf wire type {key & 7}");
            }
        }
        return fields;
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var next = message[at++];
            value |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }
        throw new FormatException("a protobuf varint is longer than 10 bytes");
    }
}

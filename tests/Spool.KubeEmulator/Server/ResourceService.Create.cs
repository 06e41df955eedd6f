using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Patching;
using Spool.KubeEmulator.Registry;
using Spool.KubeEmulator.Schema;

namespace Spool.KubeEmulator.Server;

public sealed partial class ResourceService
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public JsonObject Create(ResourceType t, string version, string? ns, JsonObject body, WriteOptions o)
    {
        CheckTypeMeta(t, version, body);
        var obj = ToStorage(t, body);
        var created = CreateCore(t, version, ns, obj, o, applyManaged: null);
        return ToServed(t, version, created);
    }

    /// <summary>
    /// Create pipeline shared with server-side apply: namespace and name, server-set metadata, strategy
    /// defaults, schema, validation, managed fields, then an atomic insert (409 if the name is taken).
    /// </summary>
    internal JsonObject CreateCore(ResourceType t, string version, string? ns, JsonObject obj, WriteOptions o, JsonArray? applyManaged)
    {
        var meta = Jn.Meta(obj);
        if (t.Namespaced)
        {
            var bodyNs = Jn.Str(meta, "namespace");
            if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
            {
                throw StatusBuilder.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            meta["namespace"] = ns;
        }
        else
        {
            meta.Remove("namespace");
        }
        if (!string.IsNullOrEmpty(Jn.Str(meta, "resourceVersion")))
        {
            throw StatusBuilder.Internal("resourceVersion should not be set on objects to be created");
        }
        var name = Jn.Str(meta, "name");
        var generateName = Jn.Str(meta, "generateName");
        if (string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(generateName))
        {
            name = generateName + RandomSuffix();
            meta["name"] = name;
        }
        foreach (var f in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "selfLink", "managedFields", "resourceVersion" })
        {
            meta.Remove(f);
        }
        MetaValidation.PruneMetadata(meta);
        var now = Now;
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Jn.Timestamp(now);
        if (t.TracksGeneration)
        {
            meta["generation"] = 1;
        }
        if (t.HasStatus)
        {
            // Status is written only through /status; a create starts from the strategy's initial status.
            obj.Remove("status");
        }
        var ctx = Context(o, version);
        var strategy = Strategies.For(t);
        strategy.PrepareForCreate(obj, ctx);

        var errors = new List<FieldError>();
        MetaValidation.ValidateMeta(obj, strategy.NameRule, errors);
        strategy.Validate(obj, ctx, errors);
        if (errors.Count > 0)
        {
            throw StatusBuilder.Invalid(t, name ?? "", errors);
        }

        if (applyManaged is not null)
        {
            meta["managedFields"] = applyManaged;
        }
        else
        {
            ManagedFields.RecordUpdate(obj, null, o.Manager, t.ApiVersion(version), now, subresource: null, FieldSchema.For(t, version));
        }

        var stored = Store.Transact(tx =>
        {
            if (t.Namespaced)
            {
                var nsObj = tx.Get("/namespaces", null, ns!) ?? throw StatusBuilder.NotFound("", "namespaces", ns!);
                if (Jn.IsDeleting(nsObj))
                {
                    throw new ApiException(403, "Forbidden",
                        $"{t.GroupResource} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                        new JsonObject
                        {
                            ["name"] = name, ["group"] = t.Group, ["kind"] = t.Plural,
                            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "NamespaceTerminating", ["message"] = $"namespace {ns} is being terminated", ["field"] = "metadata.namespace" }),
                        });
                }
            }
            if (tx.Get(t.StorageTable, ns, name!) is not null)
            {
                throw StatusBuilder.AlreadyExists(t, name!);
            }
            return o.DryRun ? obj : tx.Put(t.StorageTable, obj);
        });
        if (!o.DryRun)
        {
            strategy.AfterWrite(stored, deleted: false, this);
        }
        return stored;
    }

    private static string RandomSuffix()
    {
        Span<char> chars = stackalloc char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = GenerateNameAlphabet[RandomNumberGenerator.GetInt32(GenerateNameAlphabet.Length)];
        }
        return new string(chars);
    }
}

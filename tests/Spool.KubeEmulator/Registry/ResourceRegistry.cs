namespace Spool.KubeEmulator.Registry;

/// <summary>The set of served resources; CRDs add and remove entries at run time.</summary>
public sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private readonly List<ResourceType> _types = [];

    public void Register(ResourceType type)
    {
        lock (_gate)
        {
            _types.RemoveAll(t => t.Group == type.Group && t.Plural == type.Plural);
            _types.Add(type);
        }
    }

    public void Unregister(string group, string plural)
    {
        lock (_gate)
        {
            _types.RemoveAll(t => t.Group == group && t.Plural == plural);
        }
    }

    public IReadOnlyList<ResourceType> All()
    {
        lock (_gate)
        {
            return _types.ToList();
        }
    }

    public ResourceType? Find(string group, string version, string plural)
    {
        lock (_gate)
        {
            return _types.FirstOrDefault(t => t.Group == group && t.Plural == plural && t.Serves(version));
        }
    }

    public ResourceType? FindByGroupResource(string group, string plural)
    {
        lock (_gate)
        {
            return _types.FirstOrDefault(t => t.Group == group && t.Plural == plural);
        }
    }

    /// <summary>Looks a kind up from an object's apiVersion and kind (owner references, apply bodies).</summary>
    public ResourceType? FindByKind(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        lock (_gate)
        {
            return _types.FirstOrDefault(t => t.Group == group && t.Kind == kind && t.Serves(version) && t.StorageTableOverride is null)
                ?? _types.FirstOrDefault(t => t.Group == group && t.Kind == kind && t.Serves(version));
        }
    }

    /// <summary>Groups in registration order with their versions, preferred first.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        lock (_gate)
        {
            var result = new List<(string, IReadOnlyList<string>)>();
            foreach (var g in _types.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct())
            {
                var versions = _types.Where(t => t.Group == g).SelectMany(t => t.Versions).Distinct().ToList();
                result.Add((g, versions));
            }
            return result;
        }
    }
}

using System.Collections.Generic;

namespace Spool.Protocol.Generator;

/// <summary>A top-level message: an API request or response, or a versioned data structure.</summary>
internal sealed class MessageSpec
{
    public MessageSpec(string className, MessageKind kind, string apiName, short apiKey, VersionRange validVersions, VersionRange flexibleVersions)
    {
        ClassName = className;
        Kind = kind;
        ApiName = apiName;
        ApiKey = apiKey;
        ValidVersions = validVersions;
        FlexibleVersions = flexibleVersions;
    }

    public string ClassName { get; }

    public MessageKind Kind { get; }

    public string ApiName { get; }

    /// <summary>The API key, or -1 for data messages.</summary>
    public short ApiKey { get; }

    public VersionRange ValidVersions { get; }

    public VersionRange FlexibleVersions { get; }

    public List<FieldSpec> Fields { get; } = new List<FieldSpec>();

    /// <summary>Structs named in this file but defined once (shared by request and response).</summary>
    public Dictionary<string, StructSpec> CommonStructs { get; } = new Dictionary<string, StructSpec>();

    public string Documentation { get; set; } = string.Empty;
}

using System.Collections.Generic;

namespace Spool.Protocol.Generator;

/// <summary>One field of a message or struct, as written in a .kspec file.</summary>
internal sealed class FieldSpec
{
    public FieldSpec(string name, FieldType type, VersionRange versions, int line)
    {
        Name = name;
        Type = type;
        Versions = versions;
        Line = line;
    }

    public string Name { get; }

    public FieldType Type { get; }

    public VersionRange Versions { get; }

    public VersionRange NullableVersions { get; set; } = VersionRange.None;

    /// <summary>Tag number for tagged fields (flexible versions only), or null.</summary>
    public int? Tag { get; set; }

    /// <summary>Default value as written in the spec (e.g. "-1", "true", "null"), or null for the type's natural default.</summary>
    public string? Default { get; set; }

    /// <summary>Fields of an inline struct (for struct and struct-array types).</summary>
    public List<FieldSpec> Children { get; } = new List<FieldSpec>();

    public int Line { get; }

    public bool IsTagged => Tag.HasValue;

    public bool IsNullableSomewhere => !NullableVersions.IsNone;
}

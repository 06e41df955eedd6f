using System.Collections.Generic;

namespace Spool.Protocol.Generator;

/// <summary>A named struct: the fields of a nested protocol structure.</summary>
internal sealed class StructSpec
{
    public StructSpec(string name, List<FieldSpec> fields)
    {
        Name = name;
        Fields = fields;
    }

    public string Name { get; }

    public List<FieldSpec> Fields { get; }
}

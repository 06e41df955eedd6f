using System.Collections.Generic;

namespace Spool.Protocol.Generator;

/// <summary>A field's type: a primitive, a struct, or an array of either.</summary>
internal sealed class FieldType
{
    private static readonly Dictionary<string, FieldKind> Primitives = new Dictionary<string, FieldKind>
    {
        ["bool"] = FieldKind.Bool,
        ["int8"] = FieldKind.Int8,
        ["int16"] = FieldKind.Int16,
        ["uint16"] = FieldKind.UInt16,
        ["int32"] = FieldKind.Int32,
        ["uint32"] = FieldKind.UInt32,
        ["int64"] = FieldKind.Int64,
        ["float64"] = FieldKind.Float64,
        ["string"] = FieldKind.String,
        ["bytes"] = FieldKind.Bytes,
        ["uuid"] = FieldKind.Uuid,
        ["records"] = FieldKind.Records,
    };

    private FieldType(FieldKind kind, string? structName, FieldType? element)
    {
        Kind = kind;
        StructName = structName;
        Element = element;
    }

    public FieldKind Kind { get; }

    /// <summary>For structs: the nested class name.</summary>
    public string? StructName { get; }

    /// <summary>For arrays: the element type.</summary>
    public FieldType? Element { get; }

    public bool IsArray => Kind == FieldKind.Array;

    public bool IsStruct => Kind == FieldKind.Struct;

    public bool IsStructArray => Kind == FieldKind.Array && Element!.Kind == FieldKind.Struct;

    /// <summary>Types whose wire form can carry null (strings, bytes, records, arrays, structs).</summary>
    public bool CanBeNullable =>
        Kind is FieldKind.String or FieldKind.Bytes or FieldKind.Records or FieldKind.Array or FieldKind.Struct;

    public static FieldType Parse(string text)
    {
        if (text.StartsWith("[]", System.StringComparison.Ordinal))
        {
            return new FieldType(FieldKind.Array, null, Parse(text.Substring(2)));
        }

        return Primitives.TryGetValue(text, out var kind)
            ? new FieldType(kind, null, null)
            : new FieldType(FieldKind.Struct, text, null);
    }

    /// <summary>The C# type of a value of this type (without nullability).</summary>
    public string ClrType => Kind switch
    {
        FieldKind.Bool => "bool",
        FieldKind.Int8 => "sbyte",
        FieldKind.Int16 => "short",
        FieldKind.UInt16 => "ushort",
        FieldKind.Int32 => "int",
        FieldKind.UInt32 => "uint",
        FieldKind.Int64 => "long",
        FieldKind.Float64 => "double",
        FieldKind.String => "string",
        FieldKind.Bytes => "byte[]",
        FieldKind.Uuid => "global::Spool.Protocol.Uuid",
        FieldKind.Records => "global::System.ReadOnlyMemory<byte>",
        FieldKind.Struct => StructName!,
        _ => $"global::System.Collections.Generic.List<{Element!.ClrType}>",
    };

    public override string ToString() => Kind == FieldKind.Array ? "[]" + Element : Kind == FieldKind.Struct ? StructName! : Kind.ToString();
}

namespace Spool.Protocol.Generator;

internal enum FieldKind
{
    Bool,
    Int8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    Float64,
    String,
    Bytes,
    Uuid,
    Records,
    Struct,
    Array,
}

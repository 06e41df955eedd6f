using System.Collections.Generic;

namespace Spool.Protocol.Generator;

/// <summary>Checks a parsed message for mistakes the emitter cannot recover from, and resolves its structs.</summary>
internal sealed class SpecValidator
{
    private readonly MessageSpec _message;
    private readonly List<SpecError> _errors;
    private readonly string _path;

    public SpecValidator(MessageSpec message, List<SpecError> errors, string path)
    {
        _message = message;
        _errors = errors;
        _path = path;
    }

    public void Validate()
    {
        if (_message.ValidVersions.IsNone)
        {
            Error(0, $"{_message.ClassName}: versions must not be 'none'");
        }

        var structs = new Dictionary<string, StructSpec>();
        CollectStructs(_message.Fields, structs);
        foreach (var f in _message.Fields)
        {
            if (structs.ContainsKey(f.Name))
            {
                Error(f.Line, $"top-level field {f.Name} has the same name as a struct; rename the struct");
            }
        }

        if (structs.ContainsKey(_message.ClassName))
        {
            Error(0, $"a struct is named like its message {_message.ClassName}");
        }

        CheckFields(_message.Fields, _message.ValidVersions);
    }

    /// <summary>All structs this message uses, by name: inline ones and the common ones it references.</summary>
    public static Dictionary<string, StructSpec> ResolveStructs(MessageSpec message)
    {
        var structs = new Dictionary<string, StructSpec>();
        new SpecValidator(message, new List<SpecError>(), string.Empty).CollectStructs(message.Fields, structs);
        return structs;
    }

    private void CollectStructs(List<FieldSpec> fields, Dictionary<string, StructSpec> structs)
    {
        foreach (var f in fields)
        {
            var structName = f.Type.IsStruct ? f.Type.StructName : f.Type.IsStructArray ? f.Type.Element!.StructName : null;
            if (structName is null)
            {
                continue;
            }

            if (f.Children.Count > 0)
            {
                if (structs.ContainsKey(structName))
                {
                    Error(f.Line, $"struct {structName} is defined twice in {_message.ClassName}");
                    continue;
                }

                structs[structName] = new StructSpec(structName, f.Children);
                CollectStructs(f.Children, structs);
            }
            else if (_message.CommonStructs.TryGetValue(structName, out var common))
            {
                if (!structs.ContainsKey(structName))
                {
                    structs[structName] = common;
                    CollectStructs(common.Fields, structs);
                }
            }
            else
            {
                Error(f.Line, $"struct {structName} has no fields and no 'struct {structName}' definition");
            }
        }
    }

    private void CheckFields(List<FieldSpec> fields, VersionRange parent)
    {
        var names = new HashSet<string>();
        var tags = new HashSet<int>();
        foreach (var f in fields)
        {
            if (!names.Add(f.Name))
            {
                Error(f.Line, $"duplicate field {f.Name}");
            }

            if (f.IsNullableSomewhere && !f.Type.CanBeNullable)
            {
                Error(f.Line, $"field {f.Name} of type {f.Type} cannot be nullable");
            }

            if (f.Tag is int tag)
            {
                if (!tags.Add(tag))
                {
                    Error(f.Line, $"duplicate tag {tag}");
                }

                var present = f.Versions.Intersect(_message.ValidVersions);
                if (!_message.FlexibleVersions.Contains(present))
                {
                    Error(f.Line, $"tagged field {f.Name} exists in versions {present} that are not flexible ({_message.FlexibleVersions})");
                }
            }

            if (f.Default == "null" && !f.IsNullableSomewhere)
            {
                Error(f.Line, $"field {f.Name} defaults to null but is never nullable");
            }

            CheckFields(f.Children, parent.Intersect(f.Versions));
        }
    }

    private void Error(int line, string message) => _errors.Add(new SpecError(_path, line, message));
}

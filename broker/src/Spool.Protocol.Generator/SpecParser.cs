using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Spool.Protocol.Generator;

/// <summary>
/// Parses the .kspec message-definition language:
/// <code>
/// # comment
/// api Produce key=0 versions=3-11 flexible=9+
/// struct LeaderIdAndEpoch          (a struct shared by request and response)
///   LeaderId int32 default=-1
/// request
///   Acks int16
///   TopicData []TopicProduceData   (children indented beneath define the struct)
///     Name string 0-12
/// response
///   ...
/// message ConsumerProtocolAssignment versions=0-3 flexible=none   (a versioned data structure)
///   ...
/// </code>
/// A field line is <c>Name type [versions] [nullable=V] [tag=N] [default=X]</c>; a type ending in '?'
/// is nullable in every version the field exists in.
/// </summary>
internal sealed class SpecParser
{
    private static readonly Regex VersionToken = new Regex(@"^(none|\d+\+|\d+-\d+|\d+)$", RegexOptions.CultureInvariant);
    private static readonly Regex Identifier = new Regex(@"^[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);

    private static readonly char[] Separators = { ' ', '\t' };

    private readonly string _path;
    private readonly List<SpecError> _errors = new List<SpecError>();

    private SpecParser(string path)
    {
        _path = path;
    }

    public static (List<MessageSpec> Messages, List<SpecError> Errors) Parse(string path, string text)
    {
        var parser = new SpecParser(path);
        var messages = parser.ParseFile(text);
        if (parser._errors.Count == 0)
        {
            foreach (var m in messages)
            {
                new SpecValidator(m, parser._errors, path).Validate();
            }
        }

        return (messages, parser._errors);
    }

    private List<MessageSpec> ParseFile(string text)
    {
        var lines = ReadLines(text);
        var messages = new List<MessageSpec>();
        var common = new Dictionary<string, StructSpec>();
        string? apiName = null;
        short apiKey = -1;
        var valid = VersionRange.None;
        var flexible = VersionRange.None;
        var doc = new List<string>();
        var apiDoc = string.Empty;

        var i = 0;
        while (i < lines.Count)
        {
            var (lineNo, indent, content) = lines[i];
            if (indent != 0)
            {
                Error(lineNo, "unexpected indentation at top level");
                i++;
                continue;
            }

            var tokens = content.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            switch (tokens[0])
            {
                case "#doc":
                    doc.Add(content.Substring(4).Trim());
                    i++;
                    break;
                case "api":
                    if (tokens.Length < 2)
                    {
                        Error(lineNo, "api needs a name");
                        return messages;
                    }

                    apiName = tokens[1];
                    var opts = Options(lineNo, tokens, 2);
                    apiKey = short.Parse(Required(lineNo, opts, "key"), CultureInfo.InvariantCulture);
                    valid = ParseRange(lineNo, Required(lineNo, opts, "versions"));
                    flexible = ParseRange(lineNo, Required(lineNo, opts, "flexible"));

                    // The api's #doc lines describe both its request and response; later #doc lines belong to
                    // whatever follows (a data message in the same file must not inherit them).
                    apiDoc = string.Join(" ", doc);
                    doc.Clear();
                    i++;
                    break;
                case "struct":
                    {
                        i++;
                        var fields = ParseFields(lines, ref i, 2);
                        if (tokens.Length < 2)
                        {
                            Error(lineNo, "struct needs a name");
                            break;
                        }

                        common[tokens[1]] = new StructSpec(tokens[1], fields);
                        break;
                    }

                case "request":
                case "response":
                    {
                        if (apiName is null)
                        {
                            Error(lineNo, $"'{tokens[0]}' before 'api'");
                            return messages;
                        }

                        var kind = tokens[0] == "request" ? MessageKind.Request : MessageKind.Response;
                        var message = new MessageSpec(apiName + (kind == MessageKind.Request ? "Request" : "Response"), kind, apiName, apiKey, valid, flexible)
                        {
                            Documentation = apiDoc,
                        };
                        i++;
                        message.Fields.AddRange(ParseFields(lines, ref i, 2));
                        foreach (var kv in common)
                        {
                            message.CommonStructs[kv.Key] = kv.Value;
                        }

                        messages.Add(message);
                        break;
                    }

                case "message":
                    {
                        if (tokens.Length < 2)
                        {
                            Error(lineNo, "message needs a name");
                            return messages;
                        }

                        var opts2 = Options(lineNo, tokens, 2);
                        var message = new MessageSpec(
                            tokens[1],
                            MessageKind.Data,
                            tokens[1],
                            -1,
                            ParseRange(lineNo, Required(lineNo, opts2, "versions")),
                            ParseRange(lineNo, Required(lineNo, opts2, "flexible")))
                        {
                            Documentation = string.Join(" ", doc),
                        };
                        doc.Clear();
                        i++;
                        message.Fields.AddRange(ParseFields(lines, ref i, 2));
                        foreach (var kv in common)
                        {
                            message.CommonStructs[kv.Key] = kv.Value;
                        }

                        messages.Add(message);
                        break;
                    }

                default:
                    Error(lineNo, $"unknown directive '{tokens[0]}'");
                    i++;
                    break;
            }
        }

        return messages;
    }

    private List<FieldSpec> ParseFields(List<(int Line, int Indent, string Content)> lines, ref int i, int indent)
    {
        var fields = new List<FieldSpec>();
        while (i < lines.Count && lines[i].Indent >= indent)
        {
            var (lineNo, lineIndent, content) = lines[i];
            if (lineIndent != indent)
            {
                Error(lineNo, $"expected indentation {indent}, found {lineIndent}");
                i++;
                continue;
            }

            i++;
            var field = ParseField(lineNo, content);
            if (field is null)
            {
                continue;
            }

            if (i < lines.Count && lines[i].Indent > indent)
            {
                field.Children.AddRange(ParseFields(lines, ref i, lines[i].Indent));
                if (!(field.Type.IsStruct || field.Type.IsStructArray))
                {
                    Error(lineNo, $"field {field.Name} of type {field.Type} cannot have child fields");
                }
            }

            fields.Add(field);
        }

        return fields;
    }

    private FieldSpec? ParseField(int lineNo, string content)
    {
        var tokens = content.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 2)
        {
            Error(lineNo, "a field needs a name and a type");
            return null;
        }

        if (!Identifier.IsMatch(tokens[0]))
        {
            Error(lineNo, $"field name '{tokens[0]}' must be PascalCase");
            return null;
        }

        var typeText = tokens[1];
        var nullableEverywhere = typeText.EndsWith("?", StringComparison.Ordinal);
        if (nullableEverywhere)
        {
            typeText = typeText.Substring(0, typeText.Length - 1);
        }

        var type = FieldType.Parse(typeText);
        var next = 2;
        var versions = VersionRange.All;
        if (tokens.Length > 2 && VersionToken.IsMatch(tokens[2]))
        {
            versions = ParseRange(lineNo, tokens[2]);
            next = 3;
        }

        var field = new FieldSpec(tokens[0], type, versions, lineNo);
        if (nullableEverywhere)
        {
            field.NullableVersions = versions;
        }

        foreach (var kv in Options(lineNo, tokens, next))
        {
            switch (kv.Key)
            {
                case "nullable":
                    field.NullableVersions = ParseRange(lineNo, kv.Value);
                    break;
                case "tag":
                    field.Tag = int.Parse(kv.Value, CultureInfo.InvariantCulture);
                    break;
                case "default":
                    field.Default = kv.Value;
                    break;
                default:
                    Error(lineNo, $"unknown field option '{kv.Key}'");
                    break;
            }
        }

        return field;
    }

    private Dictionary<string, string> Options(int lineNo, string[] tokens, int start)
    {
        var result = new Dictionary<string, string>();
        for (var t = start; t < tokens.Length; t++)
        {
            var eq = tokens[t].IndexOf('=');
            if (eq <= 0)
            {
                Error(lineNo, $"expected key=value, found '{tokens[t]}'");
                continue;
            }

            result[tokens[t].Substring(0, eq)] = tokens[t].Substring(eq + 1);
        }

        return result;
    }

    private string Required(int lineNo, Dictionary<string, string> options, string key)
    {
        if (options.TryGetValue(key, out var value))
        {
            return value;
        }

        Error(lineNo, $"missing {key}=");
        return "none";
    }

    private VersionRange ParseRange(int lineNo, string text)
    {
        if (VersionRange.TryParse(text, out var range))
        {
            return range;
        }

        Error(lineNo, $"bad version range '{text}'");
        return VersionRange.None;
    }

    private void Error(int line, string message) => _errors.Add(new SpecError(_path, line, message));

    private static List<(int Line, int Indent, string Content)> ReadLines(string text)
    {
        var result = new List<(int, int, string)>();
        var raw = text.Replace("\r\n", "\n").Split('\n');
        for (var n = 0; n < raw.Length; n++)
        {
            var line = raw[n];
            var trimmed = line.TrimStart(' ');
            if (trimmed.StartsWith("#doc", StringComparison.Ordinal))
            {
                result.Add((n + 1, line.Length - trimmed.Length, trimmed.TrimEnd()));
                continue;
            }

            var hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line.Substring(0, hash);
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            var content = line.TrimStart(' ');
            result.Add((n + 1, line.Length - content.Length, content.TrimEnd()));
        }

        return result;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Server;

/// <summary>
/// Label selectors in the query syntax (a=b, a==b, a!=b, a in (x,y), a notin (x), a, !a, a&gt;1, a&lt;1)
/// and in the structured form (matchLabels, matchExpressions). All requirements must hold.
/// </summary>
public sealed class LabelSelector
{
    private readonly List<LabelRequirement> _requirements;

    private LabelSelector(List<LabelRequirement> requirements)
    {
        _requirements = requirements;
    }

    public static LabelSelector Everything { get; } = new([]);

    /// <summary>A structured selector that matches nothing (a null selector in a PodDisruptionBudget, say).</summary>
    public static LabelSelector Nothing { get; } = new([new LabelRequirement("", SelectorOperator.In, [])]);

    public bool IsEmpty => _requirements.Count == 0;

    public IReadOnlyList<LabelRequirement> Requirements => _requirements;

    public bool Matches(JsonObject obj) => Matches(Jn.StringMap(Jn.Get(obj, "metadata", "labels")));

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Matches(labels));

    public static LabelSelector FromJson(JsonObject? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }
        var reqs = new List<LabelRequirement>();
        foreach (var (k, v) in Jn.StringMap(selector["matchLabels"]))
        {
            reqs.Add(new LabelRequirement(k, SelectorOperator.Equals, [v]));
        }
        if (selector["matchExpressions"] is JsonArray exprs)
        {
            foreach (var e in exprs.OfType<JsonObject>())
            {
                var op = Jn.Str(e, "operator") switch
                {
                    "In" => SelectorOperator.In,
                    "NotIn" => SelectorOperator.NotIn,
                    "Exists" => SelectorOperator.Exists,
                    "DoesNotExist" => SelectorOperator.DoesNotExist,
                    var other => throw StatusBuilder.BadRequest($"\"{other}\" is not a valid label selector operator"),
                };
                reqs.Add(new LabelRequirement(Jn.Str(e, "key") ?? "", op, Jn.Strings(e["values"])));
            }
        }
        return new LabelSelector(reqs);
    }

    /// <summary>Parses the query form; malformed input is a 400 like the apiserver's.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var reqs = new List<LabelRequirement>();
        var p = new Parser(text);
        while (true)
        {
            reqs.Add(p.Requirement());
            p.SkipSpaces();
            if (p.AtEnd)
            {
                break;
            }
            p.Expect(',');
        }
        return new LabelSelector(reqs);
    }

    public override string ToString() => string.Join(",", _requirements.Select(r => r.Operator switch
    {
        SelectorOperator.Equals => $"{r.Key}={r.Values[0]}",
        SelectorOperator.NotEquals => $"{r.Key}!={r.Values[0]}",
        SelectorOperator.In => $"{r.Key} in ({string.Join(",", r.Values)})",
        SelectorOperator.NotIn => $"{r.Key} notin ({string.Join(",", r.Values)})",
        SelectorOperator.Exists => r.Key,
        SelectorOperator.DoesNotExist => "!" + r.Key,
        SelectorOperator.GreaterThan => $"{r.Key}>{r.Values[0]}",
        _ => $"{r.Key}<{r.Values[0]}",
    }));

    private sealed class Parser(string text)
    {
        private int _pos;

        public bool AtEnd => _pos >= text.Length;

        public void SkipSpaces()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }

        public void Expect(char c)
        {
            SkipSpaces();
            if (_pos >= text.Length || text[_pos] != c)
            {
                throw Error($"expected '{c}'");
            }
            _pos++;
        }

        public LabelRequirement Requirement()
        {
            SkipSpaces();
            var negated = false;
            if (_pos < text.Length && text[_pos] == '!')
            {
                negated = true;
                _pos++;
            }
            var key = Word();
            if (key.Length == 0)
            {
                throw Error("found '', expected: identifier");
            }
            if (negated)
            {
                return new LabelRequirement(key, SelectorOperator.DoesNotExist, []);
            }
            SkipSpaces();
            if (AtEnd || text[_pos] == ',')
            {
                return new LabelRequirement(key, SelectorOperator.Exists, []);
            }
            if (Take("==") || Take("="))
            {
                return new LabelRequirement(key, SelectorOperator.Equals, [Value()]);
            }
            if (Take("!="))
            {
                return new LabelRequirement(key, SelectorOperator.NotEquals, [Value()]);
            }
            if (Take(">"))
            {
                return new LabelRequirement(key, SelectorOperator.GreaterThan, [IntegerValue()]);
            }
            if (Take("<"))
            {
                return new LabelRequirement(key, SelectorOperator.LessThan, [IntegerValue()]);
            }
            var op = Word();
            var kind = op switch
            {
                "in" => SelectorOperator.In,
                "notin" => SelectorOperator.NotIn,
                _ => throw Error($"found '{op}', expected: in, notin, =, ==, !=, gt, lt"),
            };
            Expect('(');
            var values = new List<string>();
            while (true)
            {
                SkipSpaces();
                if (AtEnd)
                {
                    throw Error("found '', expected: ')'");
                }
                if (text[_pos] == ')')
                {
                    _pos++;
                    break;
                }
                var value = Word();
                if (value.Length == 0 && _pos < text.Length && text[_pos] != ',')
                {
                    throw Error($"found '{text[_pos]}', expected: ',', ')' or identifier");
                }
                values.Add(value);
                SkipSpaces();
                if (_pos < text.Length && text[_pos] == ',')
                {
                    _pos++;
                }
            }
            return new LabelRequirement(key, kind, values);
        }

        private string IntegerValue()
        {
            var v = Value();
            return long.TryParse(v, CultureInfo.InvariantCulture, out _) ? v : throw Error($"for 'Gt', 'Lt' operators, the value must be an integer");
        }

        private string Value()
        {
            SkipSpaces();
            return Word();
        }

        private bool Take(string s)
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, _pos, s, 0, s.Length) == 0)
            {
                _pos += s.Length;
                return true;
            }
            return false;
        }

        private string Word()
        {
            SkipSpaces();
            var sb = new StringBuilder();
            while (_pos < text.Length && !char.IsWhiteSpace(text[_pos]) && "=!,()<>".IndexOf(text[_pos], StringComparison.Ordinal) < 0)
            {
                sb.Append(text[_pos++]);
            }
            return sb.ToString();
        }

        private ApiException Error(string detail) =>
            StatusBuilder.BadRequest($"unable to parse requirement: {detail} in \"{text}\"");
    }
}

using System.Globalization;

namespace Spool.KubeEmulator.Server;

public sealed record LabelRequirement(string Key, SelectorOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            SelectorOperator.Equals or SelectorOperator.In => has && Values.Contains(value!, StringComparer.Ordinal),
            SelectorOperator.NotEquals or SelectorOperator.NotIn => !has || !Values.Contains(value!, StringComparer.Ordinal),
            SelectorOperator.Exists => has,
            SelectorOperator.DoesNotExist => !has,
            SelectorOperator.GreaterThan => has && long.TryParse(value, CultureInfo.InvariantCulture, out var g) && g > long.Parse(Values[0], CultureInfo.InvariantCulture),
            SelectorOperator.LessThan => has && long.TryParse(value, CultureInfo.InvariantCulture, out var l) && l < long.Parse(Values[0], CultureInfo.InvariantCulture),
            _ => false,
        };
    }
}

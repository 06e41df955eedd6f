using System.Globalization;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Serialization;

/// <summary>intstr.IntOrString: ports by number or name, and budgets as a count or a percentage ("25%").</summary>
[JsonConverter(typeof(IntOrStringConverter))]
public readonly record struct IntOrString
{
    public IntOrString(int value)
    {
        IntValue = value;
        StringValue = null;
    }

    public IntOrString(string value)
    {
        IntValue = 0;
        StringValue = value;
    }

    public int IntValue { get; }

    public string? StringValue { get; }

    public bool IsString => StringValue is not null;

    public static implicit operator IntOrString(int value) => new(value);

    public static implicit operator IntOrString(string value) => new(value);

    public static IntOrString FromInt32(int value) => new(value);

    public override string ToString() => StringValue ?? IntValue.ToString(CultureInfo.InvariantCulture);
}

using System.Collections;
using System.Reflection;

namespace Spool.Protocol.Tests;

/// <summary>
/// Fills generated message classes with random non-default values by reflection, so that round trips cover
/// every field of every message without a hand-written sample per API. Seeded, so failures reproduce.
/// </summary>
internal sealed class MessageSampler
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz0123456789-._";
    private readonly Random _random;
    private readonly NullabilityInfoContext _nullability = new();

    public MessageSampler(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>Chance (0-1) that a nullable field is set to null.</summary>
    public double NullChance { get; init; } = 0.25;

    public int MaxListLength { get; init; } = 2;

    public T Create<T>()
        where T : new()
    {
        var value = new T();
        Populate(value, 0);
        return value;
    }

    public object Create(Type type)
    {
        var value = Activator.CreateInstance(type)!;
        Populate(value, 0);
        return value;
    }

    public static IEnumerable<PropertyInfo> Fields(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetSetMethod() is not null);

    private void Populate(object target, int depth)
    {
        foreach (var property in Fields(target.GetType()))
        {
            var nullable = _nullability.Create(property).WriteState == NullabilityState.Nullable;
            property.SetValue(target, Value(property.PropertyType, nullable, depth));
        }
    }

    private object? Value(Type type, bool nullable, int depth)
    {
        if (nullable && _random.NextDouble() < NullChance)
        {
            return null;
        }

        if (type == typeof(bool))
        {
            return _random.Next(2) == 1;
        }

        if (type == typeof(sbyte))
        {
            return (sbyte)_random.Next(sbyte.MinValue, sbyte.MaxValue + 1);
        }

        if (type == typeof(short))
        {
            return (short)_random.Next(short.MinValue, short.MaxValue + 1);
        }

        if (type == typeof(ushort))
        {
            return (ushort)_random.Next(0, ushort.MaxValue + 1);
        }

        if (type == typeof(int))
        {
            return _random.Next(int.MinValue, int.MaxValue);
        }

        if (type == typeof(uint))
        {
            return (uint)_random.NextInt64(0, uint.MaxValue);
        }

        if (type == typeof(long))
        {
            return _random.NextInt64(long.MinValue, long.MaxValue);
        }

        if (type == typeof(double))
        {
            return _random.NextDouble() * 1e6;
        }

        if (type == typeof(string))
        {
            return String();
        }

        if (type == typeof(byte[]))
        {
            return Bytes();
        }

        if (type == typeof(Uuid))
        {
            return new Uuid(_random.NextInt64(long.MinValue, long.MaxValue), _random.NextInt64(long.MinValue, long.MaxValue));
        }

        if (type == typeof(ReadOnlyMemory<byte>))
        {
            return new ReadOnlyMemory<byte>(Bytes());
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var element = type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(type)!;
            var count = depth > 3 ? 0 : _random.Next(0, MaxListLength + 1);
            for (var i = 0; i < count; i++)
            {
                list.Add(Value(element, nullable: false, depth + 1));
            }

            return list;
        }

        if (type.IsClass)
        {
            var nested = Activator.CreateInstance(type)!;
            Populate(nested, depth + 1);
            return nested;
        }

        throw new NotSupportedException($"no sample for {type}");
    }

    private string String()
    {
        var length = _random.Next(0, 9);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Letters[_random.Next(Letters.Length)];
        }

        // Now and then a multi-byte character, so that byte and char lengths differ.
        return _random.Next(5) == 0 ? new string(chars) + "é€" : new string(chars);
    }

    private byte[] Bytes()
    {
        var bytes = new byte[_random.Next(0, 12)];
        _random.NextBytes(bytes);
        return bytes;
    }
}

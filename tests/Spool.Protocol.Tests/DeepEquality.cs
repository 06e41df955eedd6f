using System.Collections;

namespace Spool.Protocol.Tests;

/// <summary>Structural comparison of generated messages (properties, lists, byte arrays, record slices).</summary>
internal static class DeepEquality
{
    public static bool AreEqual(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is byte[] x && b is byte[] y)
        {
            return x.AsSpan().SequenceEqual(y);
        }

        if (a is ReadOnlyMemory<byte> mx && b is ReadOnlyMemory<byte> my)
        {
            return mx.Span.SequenceEqual(my.Span);
        }

        if (a is string || a.GetType().IsValueType)
        {
            return a.Equals(b);
        }

        if (a is IList la && b is IList lb)
        {
            if (la.Count != lb.Count)
            {
                return false;
            }

            for (var i = 0; i < la.Count; i++)
            {
                if (!AreEqual(la[i], lb[i]))
                {
                    return false;
                }
            }

            return true;
        }

        return a.GetType() == b.GetType()
            && MessageSampler.Fields(a.GetType()).All(p => AreEqual(p.GetValue(a), p.GetValue(b)));
    }

    /// <summary>
    /// Checks that every field of <paramref name="decoded"/> either kept the value it was encoded from
    /// (the field exists in the version) or holds the type's default (it does not), recursing into structs and
    /// lists. Returns the path of the first field that has neither, or null.
    /// </summary>
    public static string? FindFieldNeitherKeptNorDefault(object decoded, object original, string path)
    {
        var fresh = Activator.CreateInstance(decoded.GetType())!;
        foreach (var property in MessageSampler.Fields(decoded.GetType()))
        {
            var value = property.GetValue(decoded);
            var was = property.GetValue(original);
            if (AreEqual(value, was) || AreEqual(value, property.GetValue(fresh)))
            {
                continue;
            }

            var at = $"{path}.{property.Name}";
            if (value is IList list && was is IList wasList && list.Count == wasList.Count)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is { } element && wasList[i] is { } wasElement && !element.GetType().IsValueType && element is not string)
                    {
                        var inner = FindFieldNeitherKeptNorDefault(element, wasElement, $"{at}[{i}]");
                        if (inner is not null)
                        {
                            return inner;
                        }
                    }
                    else if (!AreEqual(list[i], wasList[i]))
                    {
                        return $"{at}[{i}]";
                    }
                }

                continue;
            }

            if (value is not null && was is not null && !value.GetType().IsValueType && value is not string && value is not byte[])
            {
                var inner = FindFieldNeitherKeptNorDefault(value, was, at);
                if (inner is null)
                {
                    continue;
                }

                return inner;
            }

            return at;
        }

        return null;
    }
}

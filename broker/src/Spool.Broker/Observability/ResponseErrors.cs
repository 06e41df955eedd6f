using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Observability;

/// <summary>
/// Counts the error codes a response carries, at any depth (top-level, per topic, per partition...). For each
/// response type a walker is compiled once from the message's shape (every int16 property named *ErrorCode,
/// every nested struct and list of structs), so the per-request cost is a handful of field reads and loops, with
/// no reflection and no allocation. New APIs are covered without code here.
/// </summary>
internal static class ResponseErrors
{
    private const int MaxDepth = 8;

    private static readonly ConcurrentDictionary<Type, Walker?> Walkers = new();

    private static readonly MethodInfo CountError =
        typeof(RequestMetrics).GetMethod(nameof(RequestMetrics.CountError), BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
        ?? throw new InvalidOperationException("RequestMetrics.CountError is missing");

    private delegate void Walker(IKafkaResponse response, RequestMetrics metrics, string api);

    /// <summary>Calls <see cref="RequestMetrics.CountError"/> for every non-zero error code in <paramref name="response"/>.</summary>
    public static void Count(IKafkaResponse response, RequestMetrics metrics, string api) =>
        Walkers.GetOrAdd(response.GetType(), Build)?.Invoke(response, metrics, api);

    private static Walker? Build(Type type)
    {
        var response = Expression.Parameter(typeof(IKafkaResponse), "response");
        var metrics = Expression.Parameter(typeof(RequestMetrics), "metrics");
        var api = Expression.Parameter(typeof(string), "api");
        var typed = Expression.Variable(type, "typed");
        var visits = Visit(typed, type, metrics, api, 0);
        if (visits.Count == 0)
        {
            return null;
        }

        var body = Expression.Block([typed], [Expression.Assign(typed, Expression.Convert(response, type)), .. visits]);
        return Expression.Lambda<Walker>(body, response, metrics, api).Compile();
    }

    private static List<Expression> Visit(Expression instance, Type type, ParameterExpression metrics, ParameterExpression api, int depth)
    {
        var result = new List<Expression>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.MetadataToken))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            var propertyType = property.PropertyType;
            if (propertyType == typeof(short) && property.Name.EndsWith(nameof(ErrorCode), StringComparison.Ordinal))
            {
                var code = Expression.Property(instance, property);
                result.Add(Expression.IfThen(
                    Expression.NotEqual(code, Expression.Constant((short)0)),
                    Expression.Call(metrics, CountError, api, code)));
            }
            else if (depth < MaxDepth && IsMessagePart(propertyType))
            {
                result.AddRange(VisitNested(instance, property, metrics, api, depth));
            }
            else if (depth < MaxDepth && propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(List<>)
                && IsMessagePart(propertyType.GetGenericArguments()[0]))
            {
                result.AddRange(VisitList(instance, property, metrics, api, depth));
            }
        }

        return result;
    }

    private static IEnumerable<Expression> VisitNested(Expression instance, PropertyInfo property, ParameterExpression metrics, ParameterExpression api, int depth)
    {
        var value = Expression.Variable(property.PropertyType, property.Name);
        var inner = Visit(value, property.PropertyType, metrics, api, depth + 1);
        if (inner.Count == 0)
        {
            yield break;
        }

        yield return Expression.Block(
            [value],
            Expression.Assign(value, Expression.Property(instance, property)),
            Expression.IfThen(Expression.NotEqual(value, Expression.Constant(null, property.PropertyType)), Expression.Block(inner)));
    }

    private static IEnumerable<Expression> VisitList(Expression instance, PropertyInfo property, ParameterExpression metrics, ParameterExpression api, int depth)
    {
        var listType = property.PropertyType;
        var elementType = listType.GetGenericArguments()[0];
        var element = Expression.Variable(elementType, "element");
        var inner = Visit(element, elementType, metrics, api, depth + 1);
        if (inner.Count == 0)
        {
            yield break;
        }

        var list = Expression.Variable(listType, property.Name);
        var index = Expression.Variable(typeof(int), "i");
        var done = Expression.Label("done");
        var loop = Expression.Loop(
            Expression.IfThenElse(
                Expression.LessThan(index, Expression.Property(list, nameof(List<object>.Count))),
                Expression.Block(
                    Expression.Assign(element, Expression.Property(list, "Item", index)),
                    Expression.IfThen(Expression.NotEqual(element, Expression.Constant(null, elementType)), Expression.Block(inner)),
                    Expression.PreIncrementAssign(index)),
                Expression.Break(done)),
            done);
        yield return Expression.Block(
            [list, index, element],
            Expression.Assign(list, Expression.Property(instance, property)),
            Expression.IfThen(
                Expression.NotEqual(list, Expression.Constant(null, listType)),
                Expression.Block(Expression.Assign(index, Expression.Constant(0)), loop)));
    }

    /// <summary>A struct of a generated message: a class in the messages namespace (nested classes included).</summary>
    private static bool IsMessagePart(Type type) =>
        type.IsClass && string.Equals(type.Namespace, typeof(ApiVersionsResponse).Namespace, StringComparison.Ordinal);
}

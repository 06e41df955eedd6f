using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Spool.Protocol;

namespace Spool.Broker.Observability;

/// <summary>
/// Kafka's names of error codes (UNKNOWN_TOPIC_OR_PARTITION), the values of the <c>error</c> label. Built once so
/// that counting an error never formats a string.
/// </summary>
public static class ErrorCodeNames
{
    private static readonly FrozenDictionary<short, string> Known = Enum.GetValues<ErrorCode>()
        .DistinctBy(c => (short)c)
        .ToFrozenDictionary(c => (short)c, c => ToKafkaName(c.ToString()));

    private static readonly ConcurrentDictionary<short, string> Unknown = new();

    public static string Of(ErrorCode code) => Of((short)code);

    public static string Of(short code) =>
        Known.TryGetValue(code, out var name) ? name : Unknown.GetOrAdd(code, static c => c.ToString(CultureInfo.InvariantCulture));

    /// <summary>PascalCase to Kafka's UPPER_SNAKE_CASE: NotLeaderOrFollower becomes NOT_LEADER_OR_FOLLOWER.</summary>
    public static string ToKafkaName(string pascal)
    {
        var name = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c))
            {
                var previous = pascal[i - 1];
                var nextIsLower = i + 1 < pascal.Length && char.IsLower(pascal[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    name.Append('_');
                }
            }

            name.Append(char.ToUpperInvariant(c));
        }

        return name.ToString();
    }
}

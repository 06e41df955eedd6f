namespace Spool.Storage;

/// <summary>Producer sequence arithmetic: sequences are non-negative ints that wrap from int.MaxValue to 0 (Kafka's DefaultRecordBatch).</summary>
internal static class SequenceNumbers
{
    /// <summary>The sequence <paramref name="increment"/> after <paramref name="sequence"/>, wrapping past int.MaxValue to 0.</summary>
    public static int Increment(int sequence, int increment) =>
        sequence > int.MaxValue - increment ? increment - (int.MaxValue - sequence) - 1 : sequence + increment;

    /// <summary>The sequence <paramref name="decrement"/> before <paramref name="sequence"/>, wrapping below 0 to int.MaxValue.</summary>
    public static int Decrement(int sequence, int decrement) =>
        sequence < decrement ? int.MaxValue - (decrement - sequence) + 1 : sequence - decrement;

    /// <summary>Whether <paramref name="next"/> directly follows <paramref name="last"/>.</summary>
    public static bool InSequence(int last, int next) => next == last + 1L || (next == 0 && last == int.MaxValue);
}

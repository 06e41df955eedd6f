namespace Spool.Client.Internal;

/// <summary>One item's answer in a batch request: its result, or the error that stopped it.</summary>
internal readonly record struct ItemOutcome<TKey, TResult>(TKey Key, TResult? Result, KafkaException? Error);

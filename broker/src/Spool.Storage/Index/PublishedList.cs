namespace Spool.Storage;

/// <summary>
/// A growable array with one writer and lock-free readers: an item is written before the count that covers it is
/// published, and a grown array is published before the count, so a reader that reads the count first and the
/// array second always sees complete entries. Truncation is guarded by the owning log's truncation generation.
/// </summary>
internal sealed class PublishedList<T>
    where T : struct
{
    private T[] _items;
    private int _count;

    public PublishedList(int capacity = 0) => _items = capacity == 0 ? [] : new T[capacity];

    public int Count => Volatile.Read(ref _count);

    public ReadOnlySpan<T> Snapshot()
    {
        var count = Volatile.Read(ref _count);
        var items = Volatile.Read(ref _items);
        return items.AsSpan(0, count);
    }

    public void Add(T item)
    {
        var count = _count;
        var items = _items;
        if (count == items.Length)
        {
            var grown = new T[Math.Max(16, items.Length * 2)];
            Array.Copy(items, grown, count);
            grown[count] = item;
            Volatile.Write(ref _items, grown);
        }
        else
        {
            items[count] = item;
        }

        Volatile.Write(ref _count, count + 1);
    }

    public void Truncate(int count)
    {
        if (count < _count)
        {
            Volatile.Write(ref _count, Math.Max(0, count));
        }
    }
}

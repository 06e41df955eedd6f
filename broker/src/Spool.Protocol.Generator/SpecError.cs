namespace Spool.Protocol.Generator;

internal sealed class SpecError
{
    public SpecError(string path, int line, string message)
    {
        Path = path;
        Line = line;
        Message = message;
    }

    public string Path { get; }

    public int Line { get; }

    public string Message { get; }
}

using System.Text;

namespace Spool.Protocol.Generator;

/// <summary>A StringBuilder that tracks indentation for emitted C#.</summary>
internal sealed class CodeBuilder
{
    private readonly StringBuilder _sb = new StringBuilder();
    private int _indent;

    public CodeBuilder Line(string text = "")
    {
        if (text.Length > 0)
        {
            _sb.Append(' ', _indent * 4);
        }

        _sb.Append(text).Append('\n');
        return this;
    }

    public CodeBuilder Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Opens a bare scope block.</summary>
    public CodeBuilder Block()
    {
        Line("{");
        _indent++;
        return this;
    }

    public CodeBuilder Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public override string ToString() => _sb.ToString();
}

using System.CommandLine;

namespace Spool.Cli.Infrastructure;

/// <summary>
/// A topic or group name given either positionally (<c>spool topics describe orders</c>) or the way Kafka's tools
/// take it (<c>--topic orders</c>, <c>--group billing</c>), so both habits work.
/// </summary>
internal sealed class NameInput
{
    private readonly string _kind;
    private readonly Argument<string[]> _argument;
    private readonly Option<string[]> _option;

    public NameInput(string kind, string description)
    {
        _kind = kind;
        _argument = new Argument<string[]>(kind) { Description = description, Arity = ArgumentArity.ZeroOrMore };
        _option = new Option<string[]>($"--{kind}") { Description = $"{description} (same as the positional argument)", HelpName = kind };
    }

    public void AddTo(Command command)
    {
        command.Add(_argument);
        command.Add(_option);
    }

    /// <summary>Every name given, in order, without repeats.</summary>
    public IReadOnlyList<string> All(ParseResult parse) =>
        [.. (parse.GetValue(_argument) ?? []).Concat(parse.GetValue(_option) ?? []).Distinct(StringComparer.Ordinal)];

    /// <summary>At least one name.</summary>
    public IReadOnlyList<string> Some(ParseResult parse)
    {
        var names = All(parse);
        return names.Count > 0 ? names : throw CliException.Usage($"name a {_kind}: spool ... <{_kind}> or --{_kind} <{_kind}>");
    }

    /// <summary>Exactly one name.</summary>
    public string Single(ParseResult parse)
    {
        var names = Some(parse);
        return names.Count == 1 ? names[0] : throw CliException.Usage($"this command takes one {_kind}, got {names.Count}: {string.Join(", ", names)}");
    }
}

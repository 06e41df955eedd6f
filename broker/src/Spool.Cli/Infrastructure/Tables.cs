using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Spool.Cli.Infrastructure;

/// <summary>Table rows from plain values: names from the cluster are data, never Spectre markup.</summary>
internal static class Tables
{
    public static void AddTextRow(this Table table, params object?[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(Cell(c))));

    /// <summary>How a value reads in a table: "-" for nothing, as kafka-consumer-groups.sh prints a missing offset.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "-",
        string s => s.Length == 0 ? "-" : s,
        IEnumerable<int> ids => ids.Any() ? string.Join(',', ids) : "-",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };
}

namespace Spool.KubeEmulator.Server;

public sealed class ListOptions
{
    public LabelSelector Labels { get; init; } = LabelSelector.Everything;

    public string? FieldSelectorText { get; init; }

    public long Limit { get; init; }

    public string? Continue { get; init; }

    public string? ResourceVersion { get; init; }

    public string? ResourceVersionMatch { get; init; }
}

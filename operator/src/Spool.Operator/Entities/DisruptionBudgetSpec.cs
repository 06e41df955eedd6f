using System.ComponentModel;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>The brokers' PodDisruptionBudget.</summary>
[Description("The PodDisruptionBudget of the brokers.")]
public sealed class DisruptionBudgetSpec
{
    [Defaulted]
    [Description("Create the PodDisruptionBudget.")]
    public bool Enabled { get; set; } = true;

    [Defaulted]
    [Minimum(1)]
    [Description("Brokers that voluntary disruptions (node drains) may take down at once.")]
    public int MaxUnavailable { get; set; } = 1;
}

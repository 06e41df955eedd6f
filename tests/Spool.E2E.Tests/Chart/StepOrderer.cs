using Xunit.Abstractions;
using Xunit.Sdk;

namespace Spool.E2E.Tests.Chart;

/// <summary>
/// Runs a class's tests in <see cref="StepAttribute"/> order: the chart scenarios share one operator, and the RBAC
/// audit at the end must see every call the scenarios made.
/// </summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string TypeName = "Spool.E2E.Tests.Chart.StepOrderer";

    public const string AssemblyName = "Spool.E2E.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(c => c.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName!).FirstOrDefault()?.GetNamedArgument<int>(nameof(StepAttribute.Order)) ?? int.MaxValue)
            .ThenBy(c => c.TestMethod.Method.Name, StringComparer.Ordinal);
}

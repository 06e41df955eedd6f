using Spool.Monitoring.Tests.Support;

namespace Spool.Monitoring.Tests;

/// <summary>The dashboard's shape: what users pick from and where its queries go.</summary>
public sealed class DashboardTests
{
    private static readonly DashboardFile Dashboard = DashboardFile.Load(TestFiles.Dashboard);

    [Fact]
    public void Variables_have_all_values_that_work_without_the_labels()
    {
        Dashboard.Variables.Select(v => v.GetProperty("name").GetString())
            .Should().Equal("datasource", "namespace", "cluster", "topic", "group");
        foreach (var variable in Dashboard.Variables.Where(v => v.GetProperty("type").GetString() == "query"))
        {
            // A regex match against ".*" also matches series that lack the label (a plain scrape config).
            variable.GetProperty("includeAll").GetBoolean().Should().BeTrue();
            variable.GetProperty("allValue").GetString().Should().Be(".*");
        }
    }

    [Fact]
    public void Rows_cover_health_throughput_lag_latency_and_storage()
    {
        Dashboard.Panels.Where(p => p.GetProperty("type").GetString() == "row").Select(p => p.GetProperty("title").GetString())
            .Should().Equal("Cluster health", "Throughput", "Consumer lag", "Request latency", "Storage");
    }

    [Fact]
    public void Every_query_uses_the_datasource_variable_and_filters_by_namespace_and_cluster()
    {
        Dashboard.Queries.Should().NotBeEmpty();
        foreach (var query in Dashboard.Queries)
        {
            query.DatasourceUid.Should().Be("${datasource}", query.ToString());
            query.Expression.Should().Contain("namespace=~\"$namespace\"", query.ToString())
                .And.Contain("cluster=~\"$cluster\"", query.ToString());
        }
    }

    [Fact]
    public void Panel_ids_are_unique_and_panels_do_not_overlap()
    {
        Dashboard.Panels.Select(p => p.GetProperty("id").GetInt32()).Should().OnlyHaveUniqueItems();
        var cells = new HashSet<(int X, int Y)>();
        foreach (var panel in Dashboard.Panels)
        {
            var grid = panel.GetProperty("gridPos");
            for (var x = grid.GetProperty("x").GetInt32(); x < grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(); x++)
            {
                for (var y = grid.GetProperty("y").GetInt32(); y < grid.GetProperty("y").GetInt32() + grid.GetProperty("h").GetInt32(); y++)
                {
                    cells.Add((x, y)).Should().BeTrue($"panel {panel.GetProperty("title")} overlaps another at {x},{y}");
                }
            }
        }
    }
}

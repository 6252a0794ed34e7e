// The grid's view state without rendering: filters, search, sorting, hidden columns and change navigation.
using CsvDiff.Web.State;

namespace CsvDiff.Web.Tests.State;

public class ResultViewTests
{
    private static string[] Ids(ResultView view) => view.Rows.Select(r => r.Key[0]).ToArray();

    [Fact]
    public void Starts_with_every_row_in_result_order()
    {
        var view = new ResultView(Examples.Customers());
        Assert.Equal(["1", "2", "3", "4", "5"], Ids(view));
    }

    [Fact]
    public void Type_filter_toggles_and_resets()
    {
        var view = new ResultView(Examples.Customers());
        view.ToggleType(RowChangeType.Modified);
        Assert.Equal(["2", "4"], Ids(view));
        view.ToggleType(RowChangeType.Modified);
        Assert.Equal(5, view.Rows.Count);
        view.ToggleType(RowChangeType.Removed);
        view.ShowAllTypes();
        Assert.Null(view.TypeFilter);
    }

    [Fact]
    public void Search_sees_old_and_new_values_and_combines_with_filters()
    {
        var view = new ResultView(Examples.Customers());
        view.Search("city:oslo");
        Assert.Equal(["2"], Ids(view));
        view.Search("bergen");
        Assert.Equal(["2"], Ids(view));
        view.Search("type:added OR type:removed");
        Assert.Equal(["3", "5"], Ids(view));
        view.ToggleType(RowChangeType.Added);
        Assert.Equal(["5"], Ids(view));
    }

    [Fact]
    public void Sorting_cycles_ascending_descending_and_file_order_with_numbers_by_value()
    {
        var view = new ResultView(Examples.Customers());
        var amount = view.Layout.Columns.Select((c, i) => (c, i)).Single(c => c.c.Name == "amount").i;
        view.SortBy(amount);
        Assert.Equal(["5", "4", "2", "1", "3"], Ids(view));
        view.SortBy(amount);
        Assert.Equal(["3", "1", "2", "4", "5"], Ids(view));
        view.SortBy(amount);
        Assert.Equal(["1", "2", "3", "4", "5"], Ids(view));
    }

    [Fact]
    public void Next_and_previous_visit_changes_only_and_wrap()
    {
        var view = new ResultView(Examples.Customers());
        Assert.Equal([1, 2, 3, 4, 1], Enumerable.Range(0, 5).Select(_ => view.NextChange()));
        Assert.Equal(4, view.PreviousChange());
        Assert.Equal(3, view.PreviousChange());
    }

    [Fact]
    public void Navigation_in_a_view_without_changes_finds_nothing()
    {
        var view = new ResultView(Examples.Customers());
        view.ToggleType(RowChangeType.Unchanged);
        Assert.Equal(-1, view.NextChange());
    }

    [Fact]
    public void Hidden_columns_leave_the_visible_list()
    {
        var view = new ResultView(Examples.Customers());
        view.ToggleColumn("city");
        Assert.DoesNotContain("city", view.VisibleColumns.Select(c => c.Column.Name));
        Assert.True(view.IsHidden("city"));
        view.ToggleColumn("city");
        Assert.Contains("city", view.VisibleColumns.Select(c => c.Column.Name));
    }

    [Fact]
    public void Only_differences_hides_unchanged_rows()
    {
        var view = new ResultView(Examples.Customers());
        Assert.True(view.HasUnchangedRows);
        view.ShowOnlyDifferences(true);
        Assert.Equal(["2", "3", "4", "5"], Ids(view));
        view.ShowOnlyDifferences(false);
        Assert.Equal(5, view.Rows.Count);
    }

    [Theory]
    [InlineData(100L << 20, 1, false)]
    [InlineData(800L << 20, 1, false)]
    [InlineData(900L << 20, 1, true)]
    [InlineData(900L << 20, 2, false)]
    [InlineData(1600L << 20, 2, false)]
    [InlineData(1700L << 20, 2, true)]
    [InlineData(4L << 30, 4, true)]
    public void Inputs_too_large_for_the_browser_engines_are_refused_with_the_figures(long bytes, int engines, bool refused)
    {
        var problem = BrowserMemory.Problem(bytes, engines);
        Assert.Equal(refused, problem is not null);
        if (problem is not null)
        {
            Assert.Contains($"{bytes >> 20} MB together", problem, StringComparison.Ordinal);
            Assert.Contains("csvdiff command line", problem, StringComparison.Ordinal);
        }
    }
}

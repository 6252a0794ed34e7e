// Components rendered with bunit: the hooks automation relies on, filters wired to counts, and cell text kept as text.
using Bunit;
using CsvDiff.Rendering;
using CsvDiff.Web.Components;
using CsvDiff.Web.Page;
using CsvDiff.Web.State;

namespace CsvDiff.Web.Tests.Components;

public sealed class ComponentTests : IDisposable
{
    private readonly BunitContext _context = new();

    public ComponentTests() => _context.JSInterop.Mode = JSRuntimeMode.Loose;

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Counts_show_numbers_under_their_test_ids_and_filter_when_clicked()
    {
        var view = new ResultView(Examples.Customers());
        var pane = _context.Render<ResultsPane>(p => p.Add(c => c.View, view));
        Assert.Equal("1", pane.Find("[data-testid=count-added]").TextContent);
        Assert.Equal("1", pane.Find("[data-testid=count-removed]").TextContent);
        Assert.Equal("2", pane.Find("[data-testid=count-modified]").TextContent);
        Assert.Equal("1", pane.Find("[data-testid=count-unchanged]").TextContent);

        pane.Find("button.count.modified").Click();
        Assert.Equal(RowChangeType.Modified, view.TypeFilter);
        Assert.Equal("true", pane.Find("button.count.modified").GetAttribute("aria-pressed"));
        Assert.Contains("2 rows shown", pane.Find("[data-testid=shown]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_changes_are_listed()
    {
        var pane = _context.Render<ResultsPane>(p => p.Add(c => c.View, new ResultView(Examples.Customers())));
        var schema = pane.Find("[data-testid=schema]").TextContent;
        Assert.Contains("Columns added: tier", schema, StringComparison.Ordinal);
        Assert.Contains("Columns renamed: mail → email", schema, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_box_filters_the_view()
    {
        var view = new ResultView(Examples.Customers());
        var pane = _context.Render<ResultsPane>(p => p.Add(c => c.View, view));
        pane.Find("[data-testid=search]").Input("type:added");
        Assert.Equal(["5"], view.Rows.Select(r => r.Key[0]));
    }

    [Fact]
    public void Markup_in_cells_and_names_renders_as_text()
    {
        const string markup = "<img src=x onerror=alert(1)>";
        var result = Examples.Diff($"id,\"<b>name</b>\"\n1,\"{markup}\"\n", $"id,\"<b>name</b>\"\n1,\"{markup}!\"\n2,\"<script>x()</script>\"\n");
        var grid = _context.Render<DiffGrid>(p => p.Add(c => c.View, new ResultView(result)));
        grid.WaitForAssertion(() => Assert.NotEmpty(grid.FindAll("[data-row-type]")));
        Assert.Empty(grid.FindAll("img"));
        Assert.Empty(grid.FindAll("script"));
        Assert.Empty(grid.FindAll("b"));
        Assert.Contains(markup, grid.Find("[data-row-type=modified]").TextContent, StringComparison.Ordinal);
        Assert.Contains("<b>name</b>", grid.Find(".grid-header").TextContent, StringComparison.Ordinal);
    }

    // The detail marks a modified row's cells as the grid does: with case ignored, "Rome" → "ROME" is no change, and a changed
    // value shows the words each side has alone.
    [Fact]
    public void Row_detail_marks_the_cells_the_grid_shows_changed_word_by_word()
    {
        var result = Examples.Diff("id,city,note,old\n1,Oslo Nord,Rome,x\n", "id,city,note,new\n1,Oslo Sud,ROME,y\n",
            new DiffOptions { Key = ["id"], Values = new ValueComparison { IgnoreCase = true }, DetectRenames = false });
        var row = Assert.Single(result.Rows);
        var detail = _context.Render<RowDetail>(p => p.Add(c => c.Row, row).Add(c => c.Layout, HighlighterTable.For(result)));
        string Marked(string column) => detail.Find($"tr[data-column={column}]").GetAttribute("class") ?? "";
        Assert.Equal("changed", Marked("city"));
        Assert.Equal("", Marked("note"));
        Assert.Equal("", Marked("id"));
        Assert.Equal("changed", Marked("old"));
        Assert.Equal("changed", Marked("new"));
        Assert.Equal("Nord", detail.Find("tr[data-column=city] td.old del").TextContent);
        Assert.Equal("Sud", detail.Find("tr[data-column=city] td.new ins").TextContent);
        Assert.Equal("Oslo Nord", detail.Find("tr[data-column=city] td.old").TextContent);
        Assert.Equal("Oslo Sud", detail.Find("tr[data-column=city] td.new").TextContent);
    }

    [Fact]
    public void Grid_rows_carry_their_change_type()
    {
        var grid = _context.Render<DiffGrid>(p => p.Add(c => c.View, new ResultView(Examples.Customers())));
        grid.WaitForAssertion(() => Assert.Equal(5, grid.FindAll("[data-row-type]").Count));
        Assert.Equal(["unchanged", "modified", "removed", "modified", "added"], grid.FindAll("[data-row-type]").Select(r => r.GetAttribute("data-row-type")));
        var changed = grid.Find("[data-testid=changed-cell][data-column=city]");
        Assert.Equal("Oslo", changed.QuerySelector("del")!.TextContent);
        Assert.Equal("Bergen", changed.QuerySelector("ins")!.TextContent);
    }

    // Each row renders again only when what it shows changed (DiffGridRow): sorting, hiding a column and moving to a change must
    // each reach the rows already on screen.
    [Fact]
    public void Grid_rows_render_again_when_sorted_hidden_or_moved_to()
    {
        var view = new ResultView(Examples.Customers());
        var pane = _context.Render<ResultsPane>(p => p.Add(c => c.View, view));
        string[] Ids() => pane.FindAll("[data-row-type]").Select(r => r.QuerySelectorAll("[role=cell]")[1].TextContent).ToArray();
        pane.WaitForAssertion(() => Assert.Equal(["1", "2", "3", "4", "5"], Ids()));

        // By amount, the new value where there is one: 1, 7, 9, 10, 100.
        pane.Find("button[title='Sort by amount']").Click();
        pane.WaitForAssertion(() => Assert.Equal(["5", "4", "2", "1", "3"], Ids()));

        var cells = pane.Find("[data-row-type]").QuerySelectorAll("[role=cell]").Length;
        Assert.NotEmpty(pane.FindAll("[data-testid=changed-cell][data-column=city]"));
        pane.FindAll(".columns-menu label").Single(l => l.TextContent.Trim() == "city").QuerySelector("input")!.Change(false);
        pane.WaitForAssertion(() => Assert.Empty(pane.FindAll("[data-testid=changed-cell][data-column=city]")));
        Assert.All(pane.FindAll("[data-row-type]"), row => Assert.Equal(cells - 1, row.QuerySelectorAll("[role=cell]").Length));

        var current = view.NextChange();
        pane.Render();
        pane.WaitForAssertion(() => Assert.Equal([current.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            pane.FindAll(".grid-row.current").Select(r => r.GetAttribute("data-row-index"))));
    }

    [Fact]
    public void Input_pane_shows_what_the_quick_look_found()
    {
        var head = "id;name\n1;Ann\n2;Bob\n"u8.ToArray();
        var info = new InputInfo("people.csv", head.Length, TableSniffer.Sniff("people.csv", head, head.Length, new CsvFormat()));
        var pane = _context.Render<InputPane>(p => p.Add(c => c.Side, "left").Add(c => c.Title, "Old file").Add(c => c.Info, info));
        Assert.NotNull(pane.Find("input[type=file][data-testid=left-file]"));
        var text = pane.Find("[data-testid=left-info]").TextContent;
        Assert.Contains("semicolon", text, StringComparison.Ordinal);
        Assert.Contains("2: id, name", text, StringComparison.Ordinal);
        Assert.Contains("Rows2", text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_pane_offers_shared_columns_as_keys_and_reports_choices()
    {
        ViewerSettings? changed = null;
        var pane = _context.Render<OptionsPane>(p => p
            .Add(c => c.Settings, new ViewerSettings())
            .Add(c => c.Columns, ["id", "name"])
            .Add(c => c.SuggestedKeys, ["id"])
            .Add(c => c.SettingsChanged, s => changed = s));
        Assert.Equal(["id (unique)", "name"], pane.FindAll("[data-testid=key-columns] option").Select(o => o.TextContent));
        pane.Find("[data-testid=key-columns]").Change(new[] { "name" });
        Assert.Equal(KeyMode.Columns, changed!.KeyMode);
        Assert.Equal(["name"], changed.KeyColumns);
    }
}

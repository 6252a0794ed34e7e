// The result as a person reads it, next to daff's viewer, GitHub's CSV diffs and Beyond Compare: whole values, a grid whose
// header stays over its data, the result first, stale results marked, plain words, and a page no request can break.
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvDiff.Tests;
using Microsoft.Playwright;

namespace CsvDiff.Web.Tests.EndToEnd;

[Collection(ViewerCollection.Name)]
public sealed class ReadingTests(ViewerServer server) : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();


    private static async Task<IPage> CompareAsync(IPage page, string left, string right)
    {
        await page.GetByTestId("left-file").SetInputFilesAsync(left);
        await page.GetByTestId("right-file").SetInputFilesAsync(right);
        await page.GetByTestId("left-info").WaitForAsync();
        await page.GetByTestId("right-info").WaitForAsync();
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("status").Filter(new LocatorFilterOptions { HasText = "Compared" }).WaitForAsync();
        return page;
    }

    // The built-in example compared as the page sets it up (its id preselected as the key), the result on screen.
    private static async Task<IPage> ExampleResultAsync(IPage page)
    {
        await page.GetByTestId("load-example").ClickAsync();
        await page.GetByTestId("right-info").Filter(new LocatorFilterOptions { HasText = "customers-february.csv" }).WaitForAsync();
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("summary-bar").WaitForAsync();
        return page;
    }

    // Ten columns, one long value edited at its end, and a two-line note edited on its second line.
    private (string Left, string Right) WidePair()
    {
        string Table(string amount, string note, string city) => new StringBuilder()
            .Append("id,name,email,city,country,amount,currency,status,created,note\n")
            .Append(CultureInfo.InvariantCulture, $"1,Ana Lima,ana@example.com,{city},Portugal,{amount},EUR,active,2026-01-04,\"{note}\"\n")
            .Append("2,Bo Chen,bo@example.com,Taipei,Taiwan,12.50,TWD,active,2026-02-11,plain\n")
            .Append("3,Cy Diaz,cy@example.com,Madrid,Spain,99.99,EUR,closed,2026-03-21,plain\n")
            .ToString();
        return (_files.Write("wide-old.csv", Table("1684.81", "first line\nsecond line, as sent", "Lisboa")),
                _files.Write("wide-new.csv", Table("1684.8125", "first line\nsecond line, as corrected", "Lisboa Oriente")));
    }

    [Fact]
    public async Task A_changed_cell_shows_both_values_whole_and_the_row_opens_old_beside_new()
    {
        var (left, right) = WidePair();
        var page = await CompareAsync(await server.OpenAsync(), left, right);

        var amount = page.Locator("[data-testid=changed-cell][data-column=amount]");
        Assert.Equal("1684.81 → 1684.8125", (await amount.InnerTextAsync()).Trim());
        // Nothing is cut off: the cell is as wide as its text needs, or wraps.
        Assert.True(await amount.EvaluateAsync<bool>("cell => cell.scrollWidth <= cell.clientWidth"));
        var note = page.Locator("[data-testid=changed-cell][data-column=note]");
        var noteText = await note.InnerTextAsync();
        Assert.Contains("first line↵", noteText, StringComparison.Ordinal);
        Assert.Contains("as corrected", noteText, StringComparison.Ordinal);
        Assert.Equal("corrected", (await note.Locator("ins").InnerTextAsync()).Trim());
        Assert.Equal("✎ changed", (await page.Locator("[data-row-type=modified] .change-label").InnerTextAsync()).Trim());

        await page.Locator("[data-row-type=modified]").ClickAsync();
        var detail = page.GetByTestId("row-detail");
        await detail.WaitForAsync();
        Assert.Contains("Changed row 1", await detail.Locator("h3").InnerTextAsync(), StringComparison.Ordinal);
        var city = detail.Locator("tr[data-column=city]");
        Assert.Equal(("Lisboa", "Lisboa Oriente"), ((await city.Locator("td.old").InnerTextAsync()).Trim(), (await city.Locator("td.new").InnerTextAsync()).Trim()));
        Assert.Equal("changed", await city.GetAttributeAsync("class"));
        // The words only the new value has are marked there, as in the grid.
        Assert.Equal("Oriente", (await city.Locator("td.new ins").InnerTextAsync()).Trim());
        Assert.Equal("", await detail.Locator("tr[data-column=country]").GetAttributeAsync("class"));
        await ViewerServer.ScreenshotsAsync(page, "row-detail");

        // By keyboard: Escape closes the pane, Enter on a row opens it.
        await page.SetViewportSizeAsync(1366, 900);
        await page.Keyboard.PressAsync("Escape");
        await detail.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await page.Locator("[data-row-type=modified]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await detail.WaitForAsync();
    }

    [Fact]
    public async Task Header_and_rows_scroll_together_with_the_key_column_held_on_the_left()
    {
        var (left, right) = WidePair();
        var page = await CompareAsync(await server.OpenAsync(), left, right);
        await page.SetViewportSizeAsync(1366, 900);
        var grid = page.GetByTestId("grid");
        Assert.True(await grid.EvaluateAsync<bool>("g => g.scrollWidth > g.clientWidth"), "ten columns should not fit 1366 px");

        const string Lefts = """
            g => {
              const header = [...g.querySelectorAll('.grid-header [role=columnheader]')];
              const row = [...g.querySelector('[data-row-type=modified]').querySelectorAll('[role=cell]')];
              return header.map((h, i) => [Math.round(h.getBoundingClientRect().left), Math.round(row[i].getBoundingClientRect().left)]);
            }
            """;
        var before = await grid.EvaluateAsync<int[][]>(Lefts);
        var scrolled = await grid.EvaluateAsync<int>("g => { g.scrollLeft = 400; return Math.round(g.scrollLeft); }");
        Assert.True(scrolled > 100, $"the grid scrolled by {scrolled} px");
        await page.WaitForTimeoutAsync(100);
        var after = await grid.EvaluateAsync<int[][]>(Lefts);
        for (var i = 0; i < after.Length; i++)
        {
            // Every header sits over its column's cells...
            Assert.Equal(after[i][0], after[i][1]);
            // ...the change and id columns stayed where they were, and the others moved with the scroll.
            Assert.Equal(i < 2 ? before[i][0] : before[i][0] - scrolled, after[i][0]);
        }
        await ViewerServer.ScreenshotsAsync(page, "grid-scrolled");

        // A column's edge drags wider, header and cells together.
        await page.SetViewportSizeAsync(1366, 900);
        await grid.EvaluateAsync("g => { g.scrollLeft = 0; }");
        var header = page.Locator(".grid-header [role=columnheader]").Nth(2);
        var narrow = (await header.BoundingBoxAsync())!.Width;
        var handle = (await header.Locator(".resize").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(handle.X + (handle.Width / 2), handle.Y + (handle.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(handle.X + 120, handle.Y + (handle.Height / 2), new MouseMoveOptions { Steps = 4 });
        await page.Mouse.UpAsync();
        var wide = (await header.BoundingBoxAsync())!.Width;
        Assert.InRange(wide - narrow, 100, 130);
        var cell = page.Locator("[data-row-type=modified] [role=cell]").Nth(2);
        Assert.Equal(Math.Round(wide), Math.Round((await cell.BoundingBoxAsync())!.Width));
    }

    [Fact]
    public async Task The_result_comes_first_with_the_key_named_and_the_focus_on_it()
    {
        var page = await server.OpenAsync();
        await page.SetViewportSizeAsync(1366, 900);
        await page.GetByTestId("load-example").ClickAsync();
        await page.GetByTestId("right-info").WaitForAsync();
        // The example's id is unique in both files: it is preselected, as --key auto would choose it, and the page says so.
        Assert.Contains("matched by id", await page.GetByTestId("key-note").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(["customers-january.csv"], await ViewerServer.FilesShownAsync(page, "left-file"));
        Assert.Equal(["customers-february.csv"], await ViewerServer.FilesShownAsync(page, "right-file"));
        // On a laptop's 768 px the options run past the screen's bottom edge, and Compare stays in reach there.
        await page.SetViewportSizeAsync(1366, 768);
        var compareBox = (await page.GetByTestId("compare").BoundingBoxAsync())!;
        Assert.True(compareBox.Y + compareBox.Height <= 768, $"Compare ends at y={compareBox.Y + compareBox.Height}, below the screen");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ViewerServer.ScreenshotFolder, "key-preselected-laptop.png") });
        await ViewerServer.ScreenshotsAsync(page, "key-preselected");
        await page.SetViewportSizeAsync(1366, 900);
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("summary-bar").WaitForAsync();

        Assert.Equal("matched by id", await page.GetByTestId("key-used").InnerTextAsync());
        Assert.False(await page.GetByTestId("left-file").IsVisibleAsync());
        var gridTop = (await page.GetByTestId("grid").BoundingBoxAsync())!.Y;
        Assert.True(gridTop < 450, $"the grid starts at y={gridTop}");
        // The result takes the focus on the frame after it is drawn (js/viewer.js): waited for, and failed if it never comes.
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('.results') !== null", null, new PageWaitForFunctionOptions { Timeout = 5_000 });
        await ViewerServer.ScreenshotsAsync(page, "result-first");

        // On a phone too the first screen shows rows of the result, under its counts and tools.
        var secondRow = (await page.Locator("[data-row-type]").Nth(1).BoundingBoxAsync())!;
        Assert.True(secondRow.Y + secondRow.Height <= 844, $"the second row ends at y={secondRow.Y + secondRow.Height}");
        // There the change column is its sign alone, leaving its width to the data; the word is still in the row's text.
        var change = page.Locator("[data-row-type=modified] .cell.action").First;
        var changeWidth = (await change.BoundingBoxAsync())!.Width;
        Assert.True(changeWidth <= 32, $"the change column is {changeWidth} px wide on a phone");
        Assert.Equal("✎ changed", await change.TextContentAsync());

        // On a phone Compare stays in reach without scrolling.
        await page.GetByTestId("change-inputs").ClickAsync();
        var compare = (await page.GetByTestId("compare").BoundingBoxAsync())!;
        Assert.True(compare.Y + compare.Height <= 844, $"Compare is at y={compare.Y}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ViewerServer.ScreenshotFolder, "inputs-phone.png") });
    }

    [Fact]
    public async Task A_key_preselected_for_one_pair_does_not_follow_to_files_without_one()
    {
        var page = await server.OpenAsync();
        await page.GetByTestId("load-example").ClickAsync();
        await page.GetByTestId("key-note").WaitForAsync();
        // Neither column is unique: rows are matched by content, and the page names no key.
        var left = _files.Write("repeats-old.csv", "name,team\nAna,red\nAna,blue\nBo,red\n");
        var right = _files.Write("repeats-new.csv", "name,team\nAna,red\nAna,green\nBo,red\n");
        await CompareAsync(page, left, right);
        Assert.Equal("matched by content (no key)", await page.GetByTestId("key-used").InnerTextAsync());
        var settings = await page.EvaluateAsync<string>("() => localStorage.getItem('csvdiff.settings.v1') ?? '{}'");
        Assert.DoesNotContain("\"id\"", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_result_is_marked_out_of_date_when_an_input_changes_and_a_cancel_keeps_it_named()
    {
        var page = await server.OpenAsync();
        await ExampleResultAsync(page);
        Assert.Equal(0, await page.GetByTestId("stale").CountAsync());

        await page.GetByTestId("change-inputs").ClickAsync();
        await page.GetByLabel("ignore case").CheckAsync();
        await page.GetByTestId("stale").WaitForAsync();
        await ViewerServer.ScreenshotsAsync(page, "stale");
        await page.SetViewportSizeAsync(1366, 900);
        await page.GetByTestId("compare-again").ClickAsync();
        await page.GetByTestId("stale").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        Assert.Contains("--ignore-case", await page.GetByTestId("summary-bar").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_words_identical_files_and_downloads_named_after_the_inputs()
    {
        var page = await server.OpenAsync();
        var same = _files.Write("same.csv", "id,name\n1,Ana\n");
        var copy = _files.Write("copy.csv", "id,name\n1,Ana\n");
        await CompareAsync(page, same, copy);
        Assert.Equal("The files are identical: 1 row, none changed.", (await page.GetByTestId("identical").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.GetByTestId("grid").CountAsync());
        await ViewerServer.ScreenshotsAsync(page, "identical");

        await page.SetViewportSizeAsync(1366, 900);
        await page.GetByTestId("change-inputs").ClickAsync();
        await ExampleResultAsync(page);
        Assert.Equal("+ added", (await page.Locator("[data-row-type=added] .change-label").InnerTextAsync()).Trim());
        Assert.Equal("− removed", (await page.Locator("[data-row-type=removed] .change-label").InnerTextAsync()).Trim());
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-json").ClickAsync());
        Assert.Equal("customers-january-vs-customers-february.diff.json", download.SuggestedFilename);
        await page.GetByTestId("count-added").ClickAsync();
        Assert.StartsWith("1 row shown", (await page.GetByTestId("shown").InnerTextAsync()).Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_cells_are_counted_by_column_and_a_column_filters_the_grid()
    {
        var page = await server.OpenAsync();
        await ExampleResultAsync(page);
        var chart = page.GetByTestId("column-changes");
        await chart.WaitForAsync();
        var expected = JsonDocument.Parse(CommandLine.Run(Repository.PathOf("examples"), "customers-january.csv", "customers-february.csv", "--key", "id", "-f", "json"));
        var byColumn = expected.RootElement.GetProperty("rows").EnumerateArray()
            .SelectMany(r => r.TryGetProperty("changes", out var changes) ? changes.EnumerateArray().Select(c => c.GetProperty("column").GetString()!) : [])
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(byColumn.Count, await chart.Locator("button").CountAsync());
        foreach (var (column, count) in byColumn)
        {
            Assert.Equal(count.ToString(CultureInfo.InvariantCulture), (await chart.Locator($"button[data-column='{column}'] .figure").InnerTextAsync()).Trim());
        }
        var first = byColumn.First();
        await chart.Locator($"button[data-column='{first.Key}']").ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('[data-row-type]').length === {first.Value}");
        Assert.Equal(first.Value, await page.Locator($"[data-testid=changed-cell][data-column='{first.Key}']").CountAsync());
        await ViewerServer.ScreenshotsAsync(page, "column-changes");
    }

    [Fact]
    public async Task Unchanged_rows_are_listed_on_request_for_one_comparison_and_the_setting_is_not_saved()
    {
        var page = await server.OpenAsync();
        await ExampleResultAsync(page);
        await page.GetByTestId("list-unchanged").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-row-type=unchanged]').length === 2");
        Assert.Equal(0, await page.GetByTestId("stale").CountAsync());
        var settings = await page.EvaluateAsync<string>("() => localStorage.getItem('csvdiff.settings.v1') ?? '{}'");
        Assert.DoesNotContain("\"ShowUnchanged\":true", settings, StringComparison.Ordinal);
    }

    // A million rows listed whole would fill a worker's heap and then the page's: the run is refused with the figures and
    // what to do instead, and the page goes on to compare the same pair without listing them.
    [Fact]
    public async Task Listing_a_million_unchanged_rows_is_refused_and_the_page_stays_usable()
    {
        var left = Path.Combine(_files.Folder, "million-left.csv");
        var right = Path.Combine(_files.Folder, "million-right.csv");
        CommandLine.Run(_files.Folder, "generate", left, right, "--rows", "1000000", "--columns", "3", "--seed", "4", "--modified", "0.001",
            "--added", "0", "--removed", "0");
        var page = await server.OpenAsync();
        await page.GetByTestId("show-unchanged").CheckAsync();
        await page.GetByTestId("left-file").SetInputFilesAsync(left);
        await page.GetByTestId("right-file").SetInputFilesAsync(right);
        await page.GetByTestId("right-info").WaitForAsync();
        await page.GetByTestId("left-info").WaitForAsync();
        await page.GetByTestId("compare").ClickAsync();

        var error = page.GetByTestId("error");
        await error.WaitForAsync(new LocatorWaitForOptions { Timeout = 180_000 });
        var message = await error.InnerTextAsync();
        Assert.Contains("1,000,000", message, StringComparison.Ordinal);
        Assert.Contains("include unchanged rows", message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", message, StringComparison.Ordinal);
        Assert.True(await page.GetByTestId("compare").IsEnabledAsync());
        await ViewerServer.ScreenshotsAsync(page, "large-pair-refused");

        await page.SetViewportSizeAsync(1366, 900);
        await page.GetByTestId("show-unchanged").UncheckAsync();
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("count-modified").WaitForAsync(new LocatorWaitForOptions { Timeout = 180_000 });
        Assert.Equal(0, await page.GetByTestId("error").CountAsync());
        int Count(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var modified = Count(await page.GetByTestId("count-modified").InnerTextAsync());
        Assert.InRange(modified, 1, 10_000);
        Assert.Equal(1_000_000, modified + Count(await page.GetByTestId("count-unchanged").InnerTextAsync()));
    }
}

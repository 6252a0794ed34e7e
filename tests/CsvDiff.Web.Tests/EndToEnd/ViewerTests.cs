// The viewer as a person uses it, in Chromium against `csvdiff serve`: choose files, compare, read, search, export, cancel.
using System.Text;
using CsvDiff.Tests;
using Microsoft.Playwright;

namespace CsvDiff.Web.Tests.EndToEnd;

[Collection(ViewerCollection.Name)]
public sealed class ViewerTests(ViewerServer server) : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();


    private static async Task ChooseAsync(IPage page, string left, string right)
    {
        await page.GetByTestId("left-file").SetInputFilesAsync(left);
        await page.GetByTestId("right-file").SetInputFilesAsync(right);
        await page.GetByTestId("left-info").WaitForAsync();
        await page.GetByTestId("right-info").WaitForAsync();
    }

    private static async Task CompareAsync(IPage page)
    {
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("count-added").WaitForAsync();
    }

    private static async Task<IPage> KeyedExampleAsync(ViewerServer server)
    {
        var page = await server.OpenAsync();
        await ChooseAsync(page, TestFiles.Example("customers-january.csv"), TestFiles.Example("customers-february.csv"));
        await page.GetByTestId("key-columns").SelectOptionAsync(["id"]);
        await CompareAsync(page);
        return page;
    }

    [Fact]
    public async Task Uploaded_files_compare_by_key_with_counts_and_highlighted_cells()
    {
        var page = await KeyedExampleAsync(server);
        Assert.Equal("1", await page.GetByTestId("count-added").InnerTextAsync());
        Assert.Equal("1", await page.GetByTestId("count-removed").InnerTextAsync());
        Assert.Equal("3", await page.GetByTestId("count-modified").InnerTextAsync());
        Assert.Equal("2", await page.GetByTestId("count-unchanged").InnerTextAsync());
        Assert.Equal(1, await page.Locator("[data-row-type=added]").CountAsync());
        Assert.Equal(1, await page.Locator("[data-row-type=removed]").CountAsync());
        Assert.Equal(3, await page.Locator("[data-row-type=modified]").CountAsync());
        var city = page.Locator("[data-testid=changed-cell][data-column=city]");
        Assert.Equal("Coimbra → Coimbra Centro", (await city.InnerTextAsync()).Trim());
        Assert.Equal("Centro", (await city.Locator("ins").InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ViewerServer.ScreenshotFolder, "result.png"), FullPage = true });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        Assert.Equal("rgb(13, 17, 23)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ViewerServer.ScreenshotFolder, "result-dark.png"), FullPage = true });
    }

    [Fact]
    public async Task Exports_and_lastResult_equal_the_command_line_byte_for_byte()
    {
        var page = await KeyedExampleAsync(server);
        var examples = Repository.PathOf("examples");
        string[] inputs = ["customers-january.csv", "customers-february.csv", "--key", "id"];
        foreach (var (button, format) in new[] { ("export-json", "json"), ("export-highlighter", "highlighter"), ("export-html", "html") })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(button).ClickAsync());
            var exported = await File.ReadAllTextAsync(await download.PathAsync());
            Assert.Equal(CommandLine.Run(examples, [.. inputs, "--format", format]), exported);
        }
        // The options fold into the summary bar once there is a result; "Change" opens them again.
        await page.GetByTestId("change-inputs").ClickAsync();
        await page.GetByTestId("safe-csv").CheckAsync();
        var safe = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-highlighter").ClickAsync());
        Assert.Equal(CommandLine.Run(examples, [.. inputs, "--format", "highlighter", "--safe-csv"]), await File.ReadAllTextAsync(await safe.PathAsync()));

        var lastResult = await page.EvaluateAsync<string>("() => window.csvdiff.lastResult()");
        Assert.Equal(CommandLine.Run(examples, [.. inputs, "--format", "json"]), lastResult);
        var diagnostics = await page.EvaluateAsync<System.Text.Json.JsonElement>("() => window.csvdiff.diagnostics()");
        Assert.Equal("parallel", diagnostics.GetProperty("mode").GetString());
        Assert.True(diagnostics.GetProperty("crossOriginIsolated").GetBoolean());
    }

    [Fact]
    public async Task Search_narrows_the_grid_and_n_moves_to_the_next_change()
    {
        var page = await KeyedExampleAsync(server);
        await page.GetByTestId("search").FillAsync("city:coimbra");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-row-type]').length === 1");
        Assert.Contains("Coimbra", await page.Locator("[data-row-type=modified]").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByTestId("search").FillAsync("type:added OR type:removed");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-row-type]').length === 2");

        await page.GetByTestId("search").FillAsync("");
        await page.Locator("[data-grid-body]").FocusAsync();
        await page.Keyboard.PressAsync("n");
        await page.Keyboard.PressAsync("n");
        await page.Locator("[data-row-type][aria-current=true]").WaitForAsync();
        Assert.Contains("Bob Stone", await page.Locator("[data-row-type][aria-current=true]").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markup_in_values_stays_text_and_never_runs()
    {
        var left = _files.Write("xss-left.csv", "id,\"<b>name</b>\"\n1,safe\n");
        var right = _files.Write("xss-right.csv", "id,\"<b>name</b>\"\n1,\"<img src=x onerror=\"\"window.__xss=1\"\">\"\n2,\"<script>window.__xss=2</script>\"\n");
        var page = await server.OpenAsync();
        await ChooseAsync(page, left, right);
        await page.GetByTestId("key-columns").SelectOptionAsync(["id"]);
        await CompareAsync(page);
        Assert.Equal(0, await page.Locator("[data-testid=grid] img, [data-testid=grid] script, [data-testid=grid] b").CountAsync());
        Assert.Contains("<img src=x onerror=\"window.__xss=1\">", await page.Locator("[data-row-type=modified]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
    }

    [Fact]
    public async Task A_bad_file_shows_its_error_with_file_and_line_in_the_page()
    {
        var bad = _files.Write("bad.csv", "id,v\n1,ok\n2,\"never closed\n");
        var page = await server.OpenAsync();
        await ChooseAsync(page, bad, TestFiles.Example("customers-february.csv"));
        await page.GetByTestId("compare").ClickAsync();
        var error = page.GetByTestId("error");
        await error.WaitForAsync();
        Assert.Equal("bad.csv: line 3, column 2: a quoted field is never closed (unbalanced quote)", (await error.InnerTextAsync()).Trim());
        Assert.Equal("alert", await error.GetAttributeAsync("role"));
        // The error is the whole story: no notice retells it as a fallback to one worker.
        Assert.Equal(0, await page.GetByTestId("notice").CountAsync());
    }

    [Fact]
    public async Task Cancel_stops_a_long_comparison_and_the_next_one_still_works()
    {
        var text = new StringBuilder("id,name,amount,note\n");
        for (var i = 0; i < 400_000; i++)
        {
            text.Append(i).Append(",name ").Append(i % 997).Append(',').Append(i % 101).Append(",\"a, note ").Append(i % 13).Append("\"\n");
        }
        var big = _files.Write("big.csv", text.ToString());
        var page = await server.OpenAsync();
        await ChooseAsync(page, big, TestFiles.Example("customers-february.csv"));
        await page.GetByTestId("compare").ClickAsync();
        // One badge per pool worker while the comparison runs.
        await page.GetByTestId("worker-activity").WaitForAsync();
        Assert.Equal(["1", "2"], (await page.GetByTestId("worker-activity").Locator(".worker").AllInnerTextsAsync()).Select(t => t.Trim()));
        await page.GetByTestId("cancel").ClickAsync();
        await page.GetByTestId("status").WaitForAsync();
        Assert.Equal("Cancelled.", (await page.GetByTestId("status").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.GetByTestId("count-added").CountAsync());

        await ChooseAsync(page, TestFiles.Example("customers-january.csv"), TestFiles.Example("customers-february.csv"));
        await page.GetByTestId("key-columns").SelectOptionAsync(["id"]);
        await CompareAsync(page);
        Assert.Equal("3", await page.GetByTestId("count-modified").InnerTextAsync());

        // Cancelled with a result on screen, the page says that result is the earlier one, and marks it out of date.
        await ChooseAsync(page, big, TestFiles.Example("customers-february.csv"));
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("cancel").ClickAsync();
        await page.GetByTestId("status").WaitForAsync();
        Assert.Equal("Cancelled. The result shown is from the earlier comparison.", (await page.GetByTestId("status").InnerTextAsync()).Trim());
        Assert.Equal("3", await page.GetByTestId("count-modified").InnerTextAsync());
        await page.GetByTestId("stale").WaitForAsync();
    }

    [Fact]
    public async Task Files_named_to_csvdiff_serve_open_loaded()
    {
        var (process, url) = await ViewerServer.StartServer(TestFiles.Example("customers-january.csv"), TestFiles.Example("customers-february.csv"));
        try
        {
            var page = await (await server.Browser.NewContextAsync()).NewPageAsync();
            await page.GotoAsync(url);
            await page.GetByTestId("right-info").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            Assert.Contains("customers-february.csv", await page.GetByTestId("right-info").InnerTextAsync(), StringComparison.Ordinal);
            await CompareAsync(page);
            Assert.Equal("2", await page.GetByTestId("count-unchanged").InnerTextAsync());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Without_workers_the_page_compares_itself_and_says_why()
    {
        var page = await server.OpenAsync("?workers=off");
        await page.GetByTestId("load-example").ClickAsync();
        await page.GetByTestId("right-info").WaitForAsync();
        await CompareAsync(page);
        Assert.Equal("3", await page.GetByTestId("count-modified").InnerTextAsync());
        Assert.Contains("turned off by ?workers=off", await page.GetByTestId("notice").First.InnerTextAsync(), StringComparison.Ordinal);
        var diagnostics = await page.EvaluateAsync<System.Text.Json.JsonElement>("() => window.csvdiff.diagnostics()");
        Assert.Equal("single", diagnostics.GetProperty("mode").GetString());
        Assert.Equal("workers are turned off by ?workers=off", diagnostics.GetProperty("fallbackReason").GetString());
    }

    [Fact]
    public async Task Settings_survive_a_reload_and_inputs_do_not()
    {
        var page = await server.OpenAsync();
        var ignoreCase = page.GetByLabel("ignore case");
        await ignoreCase.CheckAsync();
        await page.GetByTestId("delimiter").SelectOptionAsync([";"]);
        await page.GetByTestId("load-example").ClickAsync();
        await page.GetByTestId("left-info").WaitForAsync();
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => window.csvdiff !== undefined");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=delimiter]').value === ';'");
        Assert.True(await page.GetByLabel("ignore case").IsCheckedAsync());
        Assert.Equal(0, await page.GetByTestId("left-info").CountAsync());
    }

    [Fact]
    public async Task Turning_off_only_differences_lists_unchanged_rows()
    {
        var page = await KeyedExampleAsync(server);
        Assert.Equal(0, await page.Locator("[data-row-type=unchanged]").CountAsync());
        await page.GetByTestId("only-differences").UncheckAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-row-type=unchanged]').length === 2");
        await page.GetByTestId("only-differences").CheckAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-row-type=unchanged]').length === 0");
    }

    [Fact]
    public async Task A_hundred_thousand_changed_rows_scroll_to_the_last_one()
    {
        var left = new StringBuilder("id,amount\n");
        var right = new StringBuilder("id,amount\n");
        for (var i = 0; i < 100_000; i++)
        {
            left.Append(i).Append(",1\n");
            right.Append(i).Append(",2\n");
        }
        var page = await server.OpenAsync();
        await ChooseAsync(page, _files.Write("many-left.csv", left.ToString()), _files.Write("many-right.csv", right.ToString()));
        await page.GetByTestId("key-columns").SelectOptionAsync(["id"]);
        await CompareAsync(page);
        Assert.Equal("100,000", await page.GetByTestId("count-modified").InnerTextAsync());
        // Only the rows in view exist in the page, however many the result holds.
        Assert.True(await page.Locator("[data-row-type]").CountAsync() < 200);
        await page.Locator("[data-grid-body]").EvaluateAsync("body => body.scrollTop = body.scrollHeight");
        await page.Locator("[data-row-type]", new PageLocatorOptions { HasText = "99999" }).WaitForAsync();
    }

    [Fact]
    public async Task Files_can_be_dropped_and_text_pasted()
    {
        var page = await server.OpenAsync();
        var dropped = await page.EvaluateHandleAsync("""
            () => {
                const transfer = new DataTransfer();
                transfer.items.add(new File(['id,v\n1,a\n2,b\n'], 'dropped.csv', { type: 'text/csv' }));
                return transfer;
            }
            """);
        await page.Locator("#app [data-drop-side=left]").DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = dropped });
        await page.GetByTestId("left-info").WaitForAsync();
        Assert.Contains("dropped.csv", await page.GetByTestId("left-info").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByText("Paste text instead").Nth(1).ClickAsync();
        await page.GetByTestId("right-paste").FillAsync("id,v\n1,a\n2,c\n");
        await page.GetByTestId("right-paste").Locator("xpath=following-sibling::button").ClickAsync();
        await page.GetByTestId("right-info").WaitForAsync();
        Assert.Contains("pasted-right.csv", await page.GetByTestId("right-info").InnerTextAsync(), StringComparison.Ordinal);
        // The file inputs show what the page holds, not "No file chosen".
        Assert.Equal(["dropped.csv"], await ViewerServer.FilesShownAsync(page, "left-file"));
        Assert.Equal(["pasted-right.csv"], await ViewerServer.FilesShownAsync(page, "right-file"));

        await page.GetByTestId("key-columns").SelectOptionAsync(["id"]);
        await CompareAsync(page);
        Assert.Equal("1", await page.GetByTestId("count-modified").InnerTextAsync());
    }

    [Fact]
    public async Task The_content_security_policy_forbids_inline_script_and_the_app_needs_none()
    {
        var violations = new List<string>();
        var context = await server.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        await page.GotoAsync(server.Url);
        await page.WaitForFunctionAsync("() => window.csvdiff !== undefined");
        await page.GetByTestId("load-example").ClickAsync();
        await page.GetByTestId("right-info").WaitForAsync();
        await CompareAsync(page);
        Assert.Empty(violations);

        var policy = await page.Locator("meta[http-equiv=Content-Security-Policy]").GetAttributeAsync("content");
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline' ; script", policy, StringComparison.Ordinal);
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.appendChild(s); }");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__inline === undefined"));
        Assert.Contains(violations, v => v.Contains("script-src", StringComparison.Ordinal));
    }
}

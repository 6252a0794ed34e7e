// The published viewer on a plain static host under a sub-path, as GitHub Pages serves it: no special headers, isolation by service worker.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CsvDiff.Tests;
using Microsoft.Playwright;

namespace CsvDiff.Web.Tests.EndToEnd;

[Collection(ViewerCollection.Name)]
public sealed class StaticHostTests(ViewerServer server) : IAsyncLifetime
{
    private readonly string _site = Directory.CreateTempSubdirectory("csvdiff-pages-").FullName;
    private Process? _host;
    private string _url = "";

    public async Task InitializeAsync()
    {
        var app = Path.Combine(_site, "csvdiff");
        CopyFolder(Path.Combine(Path.GetDirectoryName(ViewerServer.Csvdiff)!, "viewer", "wwwroot"), app);
        Run("bash", Repository.PathOf("eng", "rebase-viewer.sh"), app, "/csvdiff/");
        var port = FreePort();
        _host = Process.Start(new ProcessStartInfo("python3", ["-m", "http.server", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", _site])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _url = $"http://127.0.0.1:{port}/csvdiff/";
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                (await http.GetAsync(_url)).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        Assert.Fail("the static file server did not start");
    }

    public async Task DisposeAsync()
    {
        if (_host is { HasExited: false })
        {
            _host.Kill();
            await _host.WaitForExitAsync();
        }
        _host?.Dispose();
        Directory.Delete(_site, recursive: true);
    }

    private async Task<(IPage Page, JsonElement Diagnostics)> CompareExampleAsync(string query)
    {
        var page = await (await server.Browser.NewContextAsync()).NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(_url + query);
        await page.WaitForFunctionAsync("() => window.csvdiff !== undefined");
        await page.GetByTestId("load-example").ClickAsync();
        await page.GetByTestId("right-info").WaitForAsync();
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("count-modified").WaitForAsync();
        Assert.Equal("3", await page.GetByTestId("count-modified").InnerTextAsync());
        var examples = Repository.PathOf("examples");
        Assert.Equal(CommandLine.Run(examples, "customers-january.csv", "customers-february.csv", "--key", "id", "--format", "json"),
            await page.EvaluateAsync<string>("() => window.csvdiff.lastResult()"));
        return (page, await page.EvaluateAsync<JsonElement>("() => window.csvdiff.diagnostics()"));
    }

    [Fact]
    public async Task Under_a_sub_path_the_service_worker_isolates_the_page()
    {
        // The example is small enough to run whole in one worker; ?whole-below=0 has it cut into shards as a large pair is.
        var (page, diagnostics) = await CompareExampleAsync("?whole-below=0");
        Assert.True(diagnostics.GetProperty("crossOriginIsolated").GetBoolean());
        Assert.Equal("isolated by the isolation service worker", diagnostics.GetProperty("isolation").GetString());
        Assert.Equal("parallel", diagnostics.GetProperty("mode").GetString());
        Assert.Equal("sharded", diagnostics.GetProperty("lastRun").GetProperty("strategy").GetString());
        Assert.EndsWith("/csvdiff/", await page.EvaluateAsync<string>("() => navigator.serviceWorker.controller && new URL('.', navigator.serviceWorker.controller.scriptURL).pathname"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_isolation_the_workers_diff_in_shards_all_the_same()
    {
        var (_, diagnostics) = await CompareExampleAsync("?isolation=off&whole-below=0");
        Assert.False(diagnostics.GetProperty("crossOriginIsolated").GetBoolean());
        Assert.Equal("parallel", diagnostics.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, diagnostics.GetProperty("fallbackReason").ValueKind);
        Assert.Equal("sharded", diagnostics.GetProperty("lastRun").GetProperty("strategy").GetString());
    }

    [Fact]
    public void The_published_site_carries_isolation_headers_for_netlify_cloudflare_and_vercel()
    {
        var app = Path.Combine(_site, "csvdiff");
        var headers = File.ReadAllText(Path.Combine(app, "_headers"));
        Assert.Contains("Cross-Origin-Embedder-Policy: require-corp", headers, StringComparison.Ordinal);
        Assert.Contains("Cross-Origin-Opener-Policy: same-origin", headers, StringComparison.Ordinal);
        using var vercel = JsonDocument.Parse(File.ReadAllText(Path.Combine(app, "vercel.json")));
        var names = vercel.RootElement.GetProperty("headers")[0].GetProperty("headers").EnumerateArray().Select(h => h.GetProperty("key").GetString()).ToList();
        Assert.Contains("Cross-Origin-Embedder-Policy", names);
        Assert.Contains("Cross-Origin-Opener-Policy", names);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed: {error}");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}

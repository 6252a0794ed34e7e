// `csvdiff serve` hands out the viewer and the two named files only, and only to requests addressed to this machine.
using System.Net.Sockets;
using System.Text;
using CsvDiff.Tests;

namespace CsvDiff.Web.Tests.EndToEnd;

public sealed class ServeSecurityTests : IAsyncLifetime
{
    private System.Diagnostics.Process? _server;
    private Uri _url = default!;

    public async Task InitializeAsync()
    {
        var (server, url) = await ViewerServer.StartServer(Repository.PathOf("examples", "customers-january.csv"), Repository.PathOf("examples", "customers-february.csv"));
        (_server, _url) = (server, new Uri(url));
    }

    public async Task DisposeAsync()
    {
        _server!.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
        _server.Dispose();
    }

    /// <summary>Sends a request line exactly as written, so no client library tidies the path first.</summary>
    private async Task<(int Status, string Body)> RawGet(string target, string? host = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_url.Host, _url.Port);
        var stream = client.GetStream();
        var request = $"GET {target} HTTP/1.1\r\nHost: {host ?? _url.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    [Theory]
    [InlineData("/..%2f..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("//etc/passwd")]
    [InlineData("/api/inputs/..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/api/inputs/left/..%2f..%2fcustomers-february.csv")]
    [InlineData("/%2fetc%2fpasswd")]
    [InlineData("/examples/..%2f..%2f..%2fcsvdiff.dll")]
    public async Task Paths_outside_the_viewer_are_not_found(string target)
    {
        var (status, body) = await RawGet(target);
        Assert.True(status is 400 or 404, $"{target} answered {status}");
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_two_named_files_and_the_viewer_are_served()
    {
        Assert.Equal(200, (await RawGet("/")).Status);
        var (status, body) = await RawGet("/api/inputs/right");
        Assert.Equal(200, status);
        Assert.StartsWith("id,name,e-mail", body, StringComparison.Ordinal);
        Assert.Contains("\"left\":\"customers-january.csv\"", (await RawGet("/api/inputs")).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:80")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task Requests_for_other_hosts_are_refused(string host)
    {
        var (status, body) = await RawGet("/api/inputs/left", host);
        Assert.Equal(400, status);
        Assert.DoesNotContain("Ann Lee", body, StringComparison.Ordinal);
    }
}

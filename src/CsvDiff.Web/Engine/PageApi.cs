// What window.csvdiff reads from .NET: the version and the last result in the command line's JSON contract.
// Public because Blazor finds [JSInvokable] methods only on public types.
using System.Reflection;
using CsvDiff.Rendering;
using Microsoft.JSInterop;

namespace CsvDiff.Web.Engine;

public static class PageApi
{
    public static string Version { get; } =
        typeof(PageApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public static DiffResult? LastResult { get; set; }

    [JSInvokable]
    public static string? LastResultJson() => LastResult is null ? null : DiffWriters.WriteToString(LastResult, OutputFormat.Json);
}

// What window.csvdiff reads from .NET: the last result in the command line's JSON contract.
// Public because Blazor finds [JSInvokable] methods only on public types.
using CsvDiff.Rendering;
using Microsoft.JSInterop;

namespace CsvDiff.Web.Page;

public static class PageApi
{
    public static DiffResult? LastResult { get; set; }

    [JSInvokable]
    public static string? LastResultJson() => LastResult is null ? null : DiffWriters.WriteToString(LastResult, OutputFormat.Json);
}

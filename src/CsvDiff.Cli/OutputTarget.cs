// Where the report goes: standard output, or a file written beside its destination and renamed into place so no reader ever sees half a report.
namespace CsvDiff.Cli;

internal static class OutputTarget
{
    /// <summary>
    /// Writes the report to <paramref name="path"/> (standard output when null or "-"). A Ctrl+C that comes before the report
    /// is in place stops the writing at its next block and leaves no file behind, however far the work had got.
    /// </summary>
    public static void Write(string? path, CliConsole console, Action<Stream> write, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        if (path is null || path == "-")
        {
            try
            {
                // Not disposed: that would close standard output itself.
                var buffered = new BufferedStream(new CancellableStream(console.Stdout, cancellation), 1 << 16);
                write(buffered);
                buffered.Flush();
            }
            catch (IOException e)
            {
                // Standard output redirected to a full disk, say. (A reader that went away, `| head`, raises nothing here: the
                // runtime's console stream ignores a broken pipe.)
                throw new CsvDiffException($"cannot write to standard output: {e.Message}");
            }
            return;
        }
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(new CancellableStream(file, cancellation));
            }
            cancellation.ThrowIfCancellationRequested();
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RemoveIfPresent(temporary);
            throw new CsvDiffException($"cannot write the output: {e.Message}", path);
        }
        catch
        {
            RemoveIfPresent(temporary);
            throw;
        }
    }

    // File.Delete throws when the folder itself is missing, which is one reason the write may have failed.
    private static void RemoveIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}

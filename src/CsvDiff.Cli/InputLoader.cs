// Opens what the user named (a file, `-` for standard input, or a .gz of either): a file is streamed, the others read whole.
using System.IO.Compression;

namespace CsvDiff.Cli;

internal static class InputLoader
{
    public const string StdinName = "-";

    /// <summary>The size of a plain file, which the engine streams; a pipe's or a .gz's bytes are read whole, and counted after.</summary>
    public static long StreamedSize(string path) =>
        path != StdinName && !path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>
    /// Refuses standard input named for more than one input: the first read would take all of it and leave the next an empty
    /// table (or, read side by side, each would get part of it).
    /// </summary>
    public static void StdinAtMostOnce(params string[] paths)
    {
        if (paths.Count(path => path == StdinName) > 1)
        {
            throw new CsvDiffException("standard input (-) is named for more than one input, and it can be read only once; name files for the others");
        }
    }

    /// <summary>Reads both inputs, side by side when threads allow; when both fail, the left one's error is the one raised.</summary>
    public static (TableInput Left, TableInput Right) LoadBoth(string leftPath, string rightPath, CliConsole console, bool sideBySide)
    {
        StdinAtMostOnce(leftPath, rightPath);
        if (!sideBySide)
        {
            return (Load(leftPath, console), Load(rightPath, console));
        }
        var right = Task.Run(() => Load(rightPath, console));
        TableInput left;
        try
        {
            left = Load(leftPath, console);
        }
        catch
        {
            // The left error wins; the right read's outcome is observed so that it is not reported as unhandled later.
            right.ContinueWith(t => t.Exception, TaskScheduler.Default);
            throw;
        }
        return (left, right.GetAwaiter().GetResult());
    }

    public static TableInput Load(string path, CliConsole console)
    {
        var name = path == StdinName ? "<stdin>" : path;
        try
        {
            if (path == StdinName)
            {
                using var stdin = console.OpenStdin();
                return new TableInput(name, ReadAll(stdin, name));
            }
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                using var file = File.OpenRead(path);
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                return new TableInput(name, ReadAll(gzip, name));
            }
            // Opened now, so that a missing or unreadable file is reported before any work starts. A pipe under a file name
            // (`<(sort a.csv)`) can be read only once, as it flows: it is read whole, like standard input.
            using (var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0))
            {
                if (!probe.CanSeek)
                {
                    return new TableInput(name, ReadAll(probe, name));
                }
            }
            return TableInput.FromStream(name, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan));
        }
        catch (FileNotFoundException)
        {
            throw new CsvDiffException("no such file", name);
        }
        catch (DirectoryNotFoundException)
        {
            throw new CsvDiffException("no such file or directory", name);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CsvDiffException("permission denied (or it is a directory)", name);
        }
        catch (InvalidDataException)
        {
            throw new CsvDiffException("is not a valid gzip file", name);
        }
        catch (IOException e)
        {
            throw new CsvDiffException($"cannot be read: {e.Message}", name);
        }
    }

    private static ReadOnlyMemory<byte> ReadAll(Stream stream, string name)
    {
        var buffer = new MemoryStream();
        try
        {
            stream.CopyTo(buffer, 1 << 20);
        }
        catch (IOException) when (buffer.Length > Array.MaxLength - (1 << 20))
        {
            // A memory stream stops at 2 GB; the generic "cannot be read" would not say why.
            throw new CsvDiffException("is larger than 2 GB, the most an input read whole (standard input, .gz, a pipe) can be", name);
        }
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

// One side of a comparison: a CSV file's bytes, or a way to stream them, and the name used for it in messages.
namespace CsvDiff;

/// <summary>The raw bytes of one CSV table and the name that errors and reports use for it.</summary>
/// <param name="Name">How messages refer to this input, for example a file name or "left".</param>
/// <param name="Bytes">The file's bytes, in any supported encoding (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252).</param>
public sealed record TableInput(string Name, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>
    /// An input the engine reads from a stream instead of holding its bytes: memory then grows with the rows, not the bytes.
    /// The engine reads it in passes (one, or two when columns turn out renamed), then reads back only the rows that differ.
    /// </summary>
    /// <param name="name">How messages refer to this input.</param>
    /// <param name="open">
    /// Opens a new readable, seekable stream over the same bytes each time it is called; the engine disposes it. The bytes must
    /// not change while the diff runs (a change of length is reported). Inputs that are not UTF-8, or that <c>--key auto</c>
    /// reads, are read whole from one stream, as if given as bytes.
    /// </param>
    public static TableInput FromStream(string name, Func<Stream> open) => new(name, ReadOnlyMemory<byte>.Empty) { OpenStream = open };

    /// <summary>How to open the input's stream when it was made by <see cref="FromStream"/>; null when it was given as bytes.</summary>
    public Func<Stream>? OpenStream { get; private init; }
}

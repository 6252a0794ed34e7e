// One side of a comparison: the raw bytes of a CSV file and the name used for it in messages.
namespace CsvDiff;

/// <summary>The raw bytes of one CSV table and the name that errors and reports use for it.</summary>
/// <param name="Name">How messages refer to this input, for example a file name or "left".</param>
/// <param name="Bytes">The file's bytes, in any supported encoding (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252).</param>
public sealed record TableInput(string Name, ReadOnlyMemory<byte> Bytes);

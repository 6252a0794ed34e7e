// DiffOptions as bytes: how a host hands a run's options to its workers once, encoded by the engine rather than by the UI.
namespace CsvDiff.Sharding;

/// <summary>Writes <see cref="DiffOptions"/> as compact bytes and reads them back, so that every worker of a run diffs with the same options.</summary>
public static class OptionsCodec
{
    // Page and workers come from one build; the version only guards against a stale cache serving one of them.
    private const int FormatVersion = 2;

    /// <summary>The options as bytes that <see cref="Decode"/> reads back into equal options.</summary>
    public static byte[] Encode(DiffOptions options) => Wire.Write(writer =>
    {
        writer.Write(FormatVersion);
        writer.WriteStrings(options.Key);
        writer.Write(options.AutoKey);
        writer.Write((byte)options.DuplicateKeys);
        writer.Write(options.Similarity);
        writer.WriteStrings(options.IgnoreColumns);
        writer.WriteStrings(options.OnlyColumns);
        writer.Write(options.DetectRenames);
        var values = options.Values;
        writer.Write(values.IgnoreCase);
        writer.Write(values.Trim);
        writer.Write(values.CollapseWhitespace);
        writer.Write(values.EmptyEqualsNull);
        writer.WriteStrings(values.NullTokens);
        writer.Write(values.Numeric);
        writer.Write(values.Tolerance);
        writer.Write(values.RelativeTolerance);
        writer.Write(options.Csv.Delimiter is not null);
        writer.Write(options.Csv.Delimiter ?? '\0');
        writer.Write(options.Csv.HasHeader);
        writer.Write(options.Csv.AllowRagged);
        writer.Write(options.InlineSegments);
        writer.Write(options.IncludeUnchanged);
        writer.Write(options.PatchContext);
        writer.Write(options.CountsOnly);
    });

    /// <summary>The options <paramref name="bytes"/> hold.</summary>
    /// <exception cref="InvalidDataException">The bytes were written by another version of the engine.</exception>
    public static DiffOptions Decode(ReadOnlyMemory<byte> bytes) => Wire.Read(bytes, reader =>
    {
        if (reader.ReadInt32() is var version && version != FormatVersion)
        {
            throw new InvalidDataException($"options of format {version} came from another build than this one ({FormatVersion}); reload the page");
        }
        return new DiffOptions
        {
            Key = reader.ReadStrings(),
            AutoKey = reader.ReadBoolean(),
            DuplicateKeys = (DuplicateKeyPolicy)reader.ReadByte(),
            Similarity = reader.ReadDouble(),
            IgnoreColumns = reader.ReadStrings(),
            OnlyColumns = reader.ReadStrings(),
            DetectRenames = reader.ReadBoolean(),
            Values = new ValueComparison
            {
                IgnoreCase = reader.ReadBoolean(),
                Trim = reader.ReadBoolean(),
                CollapseWhitespace = reader.ReadBoolean(),
                EmptyEqualsNull = reader.ReadBoolean(),
                NullTokens = reader.ReadStrings(),
                Numeric = reader.ReadBoolean(),
                Tolerance = reader.ReadDouble(),
                RelativeTolerance = reader.ReadDouble(),
            },
            Csv = new CsvFormat
            {
                Delimiter = reader.ReadBoolean() ? reader.ReadChar() : ReadNone(reader),
                HasHeader = reader.ReadBoolean(),
                AllowRagged = reader.ReadBoolean(),
            },
            InlineSegments = reader.ReadBoolean(),
            IncludeUnchanged = reader.ReadBoolean(),
            PatchContext = reader.ReadBoolean(),
            CountsOnly = reader.ReadBoolean(),
        };
    });

    // A missing delimiter is still written, as a placeholder, so that every later field sits at one offset.
    private static char? ReadNone(BinaryReader reader)
    {
        reader.ReadChar();
        return null;
    }
}

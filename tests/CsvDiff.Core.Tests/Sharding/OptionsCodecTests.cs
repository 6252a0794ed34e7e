// Options cross from the page to its workers as bytes: every option must arrive as it was set.
using System.Text.Json;
using CsCheck;
using CsvDiff.Sharding;

namespace CsvDiff.Tests.Sharding;

public class OptionsCodecTests
{
    private static readonly Gen<string[]> Names = Gen.String[Gen.Char["abc,é "], 0, 4].Array[0, 3];

    private static readonly Gen<DiffOptions> Options =
        from key in Names
        from flags in Gen.Bool.Array[14]
        from similarity in Gen.Double[0, 1]
        from ignore in Names
        from only in Names
        from tokens in Names
        from tolerance in Gen.Double[0, 5]
        from relative in Gen.Double[0, 1]
        from delimiter in Gen.OneOf(Gen.Const((char?)null), Gen.Char[",;\t|"].Select(c => (char?)c))
        select new DiffOptions
        {
            Key = key,
            AutoKey = flags[0],
            DuplicateKeys = flags[1] ? DuplicateKeyPolicy.Pair : DuplicateKeyPolicy.Error,
            Similarity = similarity,
            IgnoreColumns = ignore,
            OnlyColumns = only,
            DetectRenames = flags[2],
            Values = new ValueComparison
            {
                IgnoreCase = flags[3],
                Trim = flags[4],
                CollapseWhitespace = flags[5],
                EmptyEqualsNull = flags[6],
                NullTokens = tokens,
                Numeric = flags[7],
                Tolerance = tolerance,
                RelativeTolerance = relative,
            },
            Csv = new CsvFormat { Delimiter = delimiter, HasHeader = flags[8], AllowRagged = flags[9] },
            InlineSegments = flags[10],
            IncludeUnchanged = flags[11],
            PatchContext = flags[12],
            CountsOnly = flags[13],
        };

    [Fact]
    public void Every_option_arrives_as_it_was_set() =>
        Options.Sample(options => Assert.Equal(Json(options), Json(OptionsCodec.Decode(OptionsCodec.Encode(options)))),
            seed: new PCG(11, 20261202).ToString(), iter: 500, threads: 1);

    // The generator above sets every option there is: one added to DiffOptions must be added to the codec and here too.
    [Fact]
    public void The_codec_knows_every_option() =>
        Assert.Equal((13, 8, 3), (Count<DiffOptions>(), Count<ValueComparison>(), Count<CsvFormat>()));

    private static int Count<T>() => typeof(T).GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public).Length;

    private static string Json(DiffOptions options) => JsonSerializer.Serialize(options);
}

// A streamed input must diff exactly as the same bytes held whole, whatever chunks it arrives in, and fail the same way.
using System.Text;
using CsCheck;
using CsvDiff.Reading;
using CsvDiff.Rendering;
using CsvDiff.Tests.Properties;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Reading;

public class StreamedInputTests
{
    private static string Json(DiffResult result) => DiffWriters.WriteToString(result, OutputFormat.Json);

    private static TableInput Streamed(TableInput held, ReadCounter? counter = null) =>
        TableInput.FromStream(held.Name, () => new CountingStream(held.Bytes.ToArray(), counter ?? new ReadCounter()));

    private static DiffExecution[] Executions(int chunkBytes) =>
    [
        new DiffExecution { StreamChunkBytes = chunkBytes },
        .. Support.Executions.Partitioned().Select(e => e with { StreamChunkBytes = chunkBytes }),
    ];

    // Counted only (a summary, an exit status), a diff gives the counts the full diff gives and lists no row, held or streamed,
    // keyed or by content, whatever it was asked to list.
    [Fact]
    public void A_diff_counted_only_counts_what_the_full_diff_lists()
    {
        var gen = Gen.Select(Scenarios.Keyed, Gen.Int[0, 3]);
        gen.Array[100].Sample(all =>
        {
            foreach (var (scenario, which) in all)
            {
                var (left, right) = (scenario.LeftInput, scenario.RightInput);
                DiffOptions[] variants =
                [
                    scenario.Options,
                    scenario.Options with { Key = [] },
                    scenario.Options with { IncludeUnchanged = true, PatchContext = true, Values = new ValueComparison { IgnoreCase = true, Trim = true } },
                ];
                foreach (var options in variants)
                {
                    var full = TableDiff.Compare(left, right, options);
                    var execution = Executions(4096)[which];
                    foreach (var counted in new[]
                    {
                        TableDiff.Compare(left, right, options with { CountsOnly = true }, execution),
                        TableDiff.Compare(Streamed(left), Streamed(right), options with { CountsOnly = true }, execution),
                    })
                    {
                        Assert.Equal(full.Summary, counted.Summary);
                        Assert.Equal(full.HasDifferences, counted.HasDifferences);
                        Assert.Empty(counted.Rows);
                    }
                }
            }
        }, seed: new PCG(23, 20261205).ToString(), iter: 1, threads: 1);
    }

    [Fact]
    public void A_streamed_pair_diffs_exactly_as_the_pair_held_whole_in_any_chunk_size()
    {
        var gen = Gen.Select(Scenarios.Keyed, Gen.Int[1, 40], Gen.Int[0, 3]);
        gen.Array[100].Sample(all =>
        {
            foreach (var (scenario, chunkBytes, which) in all)
            {
                var (left, right) = (scenario.LeftInput, scenario.RightInput);
                DiffOptions[] variants =
                [
                    scenario.Options,
                    scenario.Options with { Key = [] },
                    scenario.Options with { Key = [], Similarity = 0.2 },
                    scenario.Options with { IncludeUnchanged = true, Values = new ValueComparison { IgnoreCase = true, Trim = true } },
                ];
                foreach (var options in variants)
                {
                    var expected = Json(TableDiff.Compare(left, right, options));
                    var execution = Executions(chunkBytes)[which];
                    Assert.Equal(expected, Json(TableDiff.Compare(Streamed(left), Streamed(right), options, execution)));
                    Assert.Equal(expected, Json(TableDiff.Compare(left, Streamed(right), options, execution)));
                }
            }
        }, seed: new PCG(21, 20261124).ToString(), iter: 1, threads: 1);
    }

    // Memory a process takes for the first time costs it a page fault a page: a small input gets buffers its size, not the
    // megabyte chunks a large one is read in.
    [Fact]
    public void A_small_input_is_read_without_buffers_sized_for_large_ones()
    {
        var input = Streamed(CsvText.Input("small.csv", "id,name\n1,Ann\n2,Bob\n"));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var table = TableReader.ReadStreamed(input, new CsvFormat(), visitor: null, TableReader.DefaultChunkBytes, Array.MaxLength,
            progress: null, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2, table!.RowCount);
        Assert.True(allocated < 16 * 1024, $"reading a 22-byte input allocated {allocated:N0} bytes");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1 << 20)]
    public void Renamed_columns_and_a_chosen_key_diff_as_the_pair_held_whole(int chunkBytes)
    {
        var left = CsvText.Input("left.csv", "id,name,city\r\n1,Ann,\"Oslo\r\nNorth\"\r\n2,Bob,Rome\r\n3,Cy,Lima\r\n");
        var right = CsvText.Input("right.csv", "id,full name,city\n1,Ann,\"Oslo\nNorth\"\n2,Bob,Milan\n4,Di,Kyiv\n", bom: true);
        var execution = new DiffExecution { StreamChunkBytes = chunkBytes };
        foreach (var options in new[] { new DiffOptions { Key = ["id"] }, new DiffOptions { AutoKey = true } })
        {
            var expected = TableDiff.Compare(left, right, options);
            Assert.Equal(Json(expected), Json(TableDiff.Compare(Streamed(left), Streamed(right), options, execution)));
        }
        Assert.Contains("renamed", Json(TableDiff.Compare(Streamed(left), Streamed(right), new DiffOptions { Key = ["id"] }, execution)),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void Tables_without_a_header_or_with_ragged_rows_diff_as_held(bool hasHeader, bool allowRagged)
    {
        var left = CsvText.Input("left.csv", "id;name;city\n1;Ann;Oslo\n2;Bob\n3;Cy;Lima;extra\n");
        var right = CsvText.Input("right.csv", "id;name;city\n1;Ann;Oslo\n2;Bob;Rome\n4;Di\n");
        var options = new DiffOptions { Key = [hasHeader ? "id" : "1"], Csv = new CsvFormat { HasHeader = hasHeader, AllowRagged = allowRagged } };
        foreach (var chunkBytes in new[] { 2, 1 << 20 })
        {
            var execution = new DiffExecution { StreamChunkBytes = chunkBytes };
            if (allowRagged)
            {
                Assert.Equal(Json(TableDiff.Compare(left, right, options)), Json(TableDiff.Compare(Streamed(left), Streamed(right), options, execution)));
            }
            else
            {
                Assert.Equal(Assert.Throws<CsvDiffException>(() => TableDiff.Compare(left, right, options)).Message,
                    Assert.Throws<CsvDiffException>(() => TableDiff.Compare(Streamed(left), Streamed(right), options, execution)).Message);
            }
        }
    }

    public static TheoryData<string, byte[]> InputsReadWhole => new()
    {
        { "Windows-1252", [.. "id,name\n1,Caf"u8, 0xE9, .. "\n2,Zo"u8, 0xEB, .. "\n"u8] },
        { "UTF-16 with a byte order mark", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("id,name\n1,Ann\n2,Bob\n")] },
        { "UTF-16 without one", Encoding.Unicode.GetBytes("id,name\n1,Ann\n2,Bob\n") },
    };

    [Theory]
    [MemberData(nameof(InputsReadWhole))]
    public void Inputs_in_other_encodings_are_read_whole_and_diff_as_held(string encoding, byte[] bytes)
    {
        var left = new TableInput("left.csv", bytes);
        var right = CsvText.Input("right.csv", "id,name\n1,Ann\n2,Bob\n3,Cy\n");
        var options = new DiffOptions { Key = ["id"] };
        Assert.Equal(Json(TableDiff.Compare(left, right, options)),
            Json(TableDiff.Compare(Streamed(left), Streamed(right), options, new DiffExecution { StreamChunkBytes = 4 })));
        Assert.NotEmpty(encoding);
    }

    public static TheoryData<string, byte[]> BadInputs => new()
    {
        { "an unclosed quote", "id,name\n1,Ann\n2,\"Bob\n3,Cy\n"u8.ToArray() },
        { "text after a closing quote", "id,name\n1,Ann\n2,\"Bob\"x\n"u8.ToArray() },
        { "a short row", "id,name\n1,Ann\n2\n"u8.ToArray() },
        { "a NUL byte", [.. "id,name\n1,Ann\n2,B"u8, 0, .. "ob\n"u8] },
        { "a BOM before bytes that are not UTF-8", [0xEF, 0xBB, 0xBF, .. "id,name\n1,Caf"u8, 0xE9, .. "\n"u8] },
        { "a repeated key", "id,name\n1,Ann\n2,Bob\n1,Cy\n"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_streamed_input_fails_with_the_error_the_held_input_gives(string problem, byte[] bytes)
    {
        var left = new TableInput("left.csv", bytes);
        var right = CsvText.Input("right.csv", "id,name\n1,Ann\n");
        var options = new DiffOptions { Key = ["id"] };
        var held = Assert.Throws<CsvDiffException>(() => TableDiff.Compare(left, right, options));
        foreach (var chunkBytes in new[] { 1, 5, 1 << 20 })
        {
            var streamed = Assert.Throws<CsvDiffException>(() =>
                TableDiff.Compare(Streamed(left), Streamed(right), options, new DiffExecution { StreamChunkBytes = chunkBytes }));
            Assert.Equal((held.Message, held.Input, held.Line, held.Column), (streamed.Message, streamed.Input, streamed.Line, streamed.Column));
        }
        Assert.NotEmpty(problem);
    }

    [Fact]
    public void A_keyed_diff_reads_a_streamed_input_once_and_then_only_the_rows_that_differ()
    {
        var rows = Enumerable.Range(0, 20_000).Select(i => $"{i},name {i},{i * 3}\n");
        var leftText = "id,name,amount\n" + string.Concat(rows);
        var rightText = leftText.Replace("\n777,name 777,2331\n", "\n777,name 777,2332\n", StringComparison.Ordinal);
        var (leftCount, rightCount) = (new ReadCounter(), new ReadCounter());
        var result = TableDiff.Compare(Streamed(CsvText.Input("left.csv", leftText), leftCount), Streamed(CsvText.Input("right.csv", rightText), rightCount),
            new DiffOptions { Key = ["id"] });

        Assert.Equal(1, result.Summary.Modified);
        // Two looks at the start (for the columns to hash, and for the delimiter: 64 KiB each), one pass over the whole,
        // and the changed row read back with its neighbours (64 KiB): not the whole again.
        var length = Encoding.UTF8.GetByteCount(leftText);
        Assert.InRange(leftCount.Bytes, length, length + (3 * 64 * 1024) + 4);
        Assert.InRange(rightCount.Bytes, length, length + (3 * 64 * 1024) + 4);
    }

    // Rows read back far apart, close together, and records longer than the buffer they are read back in: every way a fetch
    // reads them.
    [Theory]
    [InlineData(0.002)]
    [InlineData(0.05)]
    [InlineData(0.6)]
    public void Rows_read_back_scattered_or_close_together_diff_as_held(double changedShare)
    {
        var random = new Random(20261204);
        var (left, right) = (new StringBuilder("id,name,note\r\n"), new StringBuilder("id,name,note\r\n"));
        for (var i = 0; i < 4_000; i++)
        {
            // Now and then a quoted note with a line break in it, or one longer than 64 KiB.
            var note = (i % 97) switch
            {
                0 => $"\"line one\r\nline {i}, \"\"quoted\"\"\"",
                1 when i % 3 == 0 => new string('n', 70_000 + i),
                _ => $"note {i} {new string('x', random.Next(0, 200))}",
            };
            left.Append($"{i},name {i},{note}\r\n");
            var changed = random.NextDouble() < changedShare;
            if (!changed || random.Next(3) > 0)
            {
                right.Append($"{i},name {i}{(changed ? " (new)" : "")},{note}\r\n");
            }
        }
        var held = (CsvText.Input("left.csv", left.ToString()), CsvText.Input("right.csv", right.ToString()));
        foreach (var options in new[] { new DiffOptions { Key = ["id"] }, new DiffOptions { Key = ["id"], IncludeUnchanged = true } })
        {
            Assert.Equal(Json(TableDiff.Compare(held.Item1, held.Item2, options)),
                Json(TableDiff.Compare(Streamed(held.Item1), Streamed(held.Item2), options)));
        }
    }

    [Fact]
    public void An_input_that_changes_while_it_is_compared_is_reported_not_misread()
    {
        var opens = 0;
        var original = "id,name\n1,Ann\n2,Bob\n"u8.ToArray();
        var changed = "id,name\n1,Ann\n2,Bobby\n"u8.ToArray();
        // The look at the start and the read see the original; reading rows back sees the file grown.
        var left = TableInput.FromStream("left.csv", () => new MemoryStream(++opens <= 2 ? original : changed));
        var right = CsvText.Input("right.csv", "id,name\n1,Ann\n2,Bo\n");
        var error = Assert.Throws<CsvDiffException>(() => TableDiff.Compare(left, right, new DiffOptions { Key = ["id"] }));
        Assert.Equal("left.csv: changed while it was being compared; compare a copy that stays as it is", error.Message);
    }

    [Fact]
    public void A_stream_that_cannot_be_opened_is_reported_in_the_input_s_name()
    {
        var left = TableInput.FromStream("gone.csv", () => throw new FileNotFoundException("Could not find file 'gone.csv'."));
        var error = Assert.Throws<CsvDiffException>(() => TableDiff.Compare(left, CsvText.Input("right.csv", "id\n1\n"), new DiffOptions()));
        Assert.Equal("gone.csv", error.Input);
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_streamed_input_past_2_GB_diffs_and_reads_back_rows_beyond_that_offset()
    {
        const int rows = 530_000;
        const int changed = 529_000;
        var left = TableInput.FromStream("left.csv", () => new WideRowsStream(rows, changedRow: -1));
        var right = TableInput.FromStream("right.csv", () => new WideRowsStream(rows, changed));
        Assert.True(new WideRowsStream(rows, -1).Length > int.MaxValue);

        var result = TableDiff.Compare(left, right, new DiffOptions { Key = ["id"] });

        Assert.Equal(new DiffSummary(0, 0, 1, rows - 1), result.Summary);
        var row = Assert.Single(result.Rows);
        Assert.Equal([changed.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)], row.Key);
        Assert.Equal((changed + 2, changed + 2), (row.LeftLine, row.RightLine));
        Assert.StartsWith("y", row.RightValues![1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_record_in_a_streamed_input_past_2_GB_is_reported_where_it_is()
    {
        const int rows = 530_000;
        var left = TableInput.FromStream("left.csv", () => new WideRowsStream(rows, 529_000, breakChangedRow: true));
        var right = TableInput.FromStream("right.csv", () => new WideRowsStream(10, -1));
        var error = Assert.Throws<CsvDiffException>(() => TableDiff.Compare(left, right, new DiffOptions { Key = ["id"] }));
        Assert.Equal("left.csv: line 529002, column 1: a quoted field is never closed (unbalanced quote)", error.Message);
    }

    [Theory]
    [InlineData("id,v\n1,a\n2,\"b\n3,c\n4,d\n5,e\n6,f\n7,g\n", "left.csv: line 3, column 2: a quoted field is never closed (unbalanced quote)")]
    [InlineData("id,v\n1,a\n2,bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n", "left.csv: line 3: holds a record longer than 2 GB")]
    public void A_record_that_outgrows_the_buffer_of_an_input_too_large_to_read_whole_is_an_error_at_its_line(string text, string error)
    {
        // Here 32 bytes stand for 2 GB: the input is "too large", and no record may outgrow them.
        var input = Streamed(CsvText.Input("left.csv", text));
        var thrown = Assert.Throws<CsvDiffException>(() => TableReader.ReadStreamed(input, new CsvFormat(), null, 8, 32, null, default));
        Assert.Equal(error, thrown.Message);
    }

    private sealed class ReadCounter
    {
        public long Bytes { get; set; }
    }

    // A seekable stream over fixed bytes that counts what is read (a MemoryStream subclass reads spans through this overload).
    private sealed class CountingStream(byte[] bytes, ReadCounter counter) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            counter.Bytes += read;
            return read;
        }
    }

    // A table of fixed-width rows made up as it is read ("id,pad", then a 10-digit id and 4 KiB of padding per row), so that
    // inputs past 2 GB need neither disk nor memory; one row's padding may start with "y" instead of "x".
    private sealed class WideRowsStream(int rows, int changedRow, bool breakChangedRow = false) : Stream
    {
        private const int RowBytes = 4096;
        private static readonly byte[] Header = "id,pad\n"u8.ToArray();
        private readonly byte[] _row = [.. new byte[10], (byte)',', .. Enumerable.Repeat((byte)'x', RowBytes - 12), (byte)'\n'];

        public override long Length => Header.Length + ((long)rows * RowBytes);

        public override long Position { get; set; }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var written = 0;
            while (written < count && Position < Length)
            {
                if (Position < Header.Length)
                {
                    buffer[offset + written++] = Header[Position++];
                    continue;
                }
                var row = (int)((Position - Header.Length) / RowBytes);
                var within = (int)((Position - Header.Length) % RowBytes);
                System.Text.Encoding.ASCII.GetBytes(row.ToString("D10", System.Globalization.CultureInfo.InvariantCulture), _row);
                _row[11] = row == changedRow ? (byte)'y' : (byte)'x';
                // A quote opening the id that no quote closes: a malformed record.
                _row[0] = row == changedRow && breakChangedRow ? (byte)'"' : _row[0];
                var take = Math.Min(count - written, RowBytes - within);
                _row.AsSpan(within, take).CopyTo(buffer.AsSpan(offset + written));
                written += take;
                Position += take;
            }
            return written;
        }

        public override long Seek(long offset, SeekOrigin origin) =>
            Position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => Position + offset, _ => Length + offset };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

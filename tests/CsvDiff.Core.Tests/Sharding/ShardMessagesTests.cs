// Replies a coordinator reads from a shard (the rows it fetches, its row hashes) read back exactly as the shard holds them.
using System.Buffers.Binary;
using CsCheck;
using CsvDiff.Fingerprinting;
using CsvDiff.Reading;
using CsvDiff.Sharding;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Sharding;

public class ShardMessagesTests
{
    // As in WireTests: empty cells, line breaks (which move later rows' lines), quotes, delimiters, two-byte letters and a
    // character outside the Basic Multilingual Plane, so that lengths counted in bytes rather than chars show.
    private static readonly Gen<string> Cell = Gen.String[Gen.OneOf(Gen.Char["ab,\"\n é"], Gen.Const('€'), Gen.Const('\uD83D')), 0, 8]
        .Select(text => text.Replace("\uD83D", "😀", StringComparison.Ordinal));

    private static CsvTable Read(IEnumerable<IReadOnlyList<string>> rows) =>
        TableReader.Read(CsvText.Input("t.csv", CsvText.Write(["a", "b", "c"], rows)), new CsvFormat { Delimiter = ',' }, null, default);

    [Fact]
    public void Rows_fetched_from_a_shard_read_back_with_their_values_and_lines() =>
        Gen.Select(Cell.Array[3].Array[1, 30], Gen.Int[0, 1000].Array[0, 12]).Sample((rows, picks) =>
        {
            var table = Read(rows);
            var requested = picks.Select(pick => pick % table.RowCount).ToArray();
            var fields = new FieldList();
            var scratch = new byte[4];
            var read = ShardMessages.ReadRows(ShardMessages.RowsReply(table, requested));
            Assert.Equal(requested.Select(row => table.LineOf(row)), read.Select(row => row.Line));
            Assert.Equal(requested.Select(row => table.GetRowValues(row, fields, ref scratch)), read.Select(row => row.Values));
        });

    [Fact]
    public void A_reply_whose_cells_do_not_add_up_to_its_text_is_refused()
    {
        var reply = ShardMessages.RowsReply(Read([["alpha", "beta", "gamma"]]), [0]);
        // After the lines (a count and one line), the rows' cell counts (a count and one) and the lengths' count: the first
        // cell's length.
        var firstLength = 4 + 4 + 4 + 4 + 4;
        Assert.Equal(5, BinaryPrimitives.ReadInt32LittleEndian(reply.AsSpan(firstLength)));
        BinaryPrimitives.WriteInt32LittleEndian(reply.AsSpan(firstLength), 4);
        Assert.Throws<InvalidDataException>(() => ShardMessages.ReadRows(reply));
        BinaryPrimitives.WriteInt32LittleEndian(reply.AsSpan(firstLength), 50);
        Assert.Throws<InvalidDataException>(() => ShardMessages.ReadRows(reply));
    }

    [Fact]
    public void A_shards_row_hashes_land_in_their_place_among_the_tables_and_a_reply_of_another_count_is_refused() =>
        Gen.Select(Gen.ULong.Array[0, 20], Gen.Int[0, 5], Gen.Int[0, 5]).Sample((hashes, before, after) =>
        {
            var reply = ShardMessages.HashReply(new RowFingerprints(hashes, null));
            var table = new ulong[before + hashes.Length + after];
            ShardMessages.ReadHashes(reply, table, before, hashes.Length);
            Assert.Equal([.. new ulong[before], .. hashes, .. new ulong[after]], table);
            Assert.Throws<InvalidDataException>(() => ShardMessages.ReadHashes(reply, table, 0, hashes.Length + 1));
            Assert.Throws<InvalidDataException>(() => ShardMessages.ReadHashes(reply[..^1], table, 0, hashes.Length));
        });
}

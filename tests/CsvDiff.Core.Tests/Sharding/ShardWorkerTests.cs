// A worker's side of a sharded diff's matching: the pieces of hash partitions it hands out, and the pieces a match needs.
using System.Text;
using CsvDiff.Fingerprinting;
using CsvDiff.Sharding;

namespace CsvDiff.Tests.Sharding;

public class ShardWorkerTests
{
    private const int Partitions = 3;
    private const int FirstRow = 100;
    private static readonly DiffOptions Options = new() { Key = ["id"], Csv = new CsvFormat { Delimiter = ',' } };
    private static readonly TableInput Shard = new("left.csv",
        Encoding.UTF8.GetBytes("id,v\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i},value {i % 7}\n"))));

    private static byte[] Hash() => ShardMessages.Hash(TableSide.Left, 0, [0, 1], [0], RowHashForm.RawRecord, Partitions, FirstRow);

    private static byte[] Piece(int partition) =>
        ShardMessages.Piece(TableSide.Left, 0, [0, 1], [0], RowHashForm.RawRecord, Partitions, FirstRow, partition);

    private static ShardWorker Loaded()
    {
        var worker = new ShardWorker(Options);
        worker.Load(TableSide.Left, 0, Shard, 0, ShardMessages.Plan(new ReadPlan(',', null, null)));
        return worker;
    }

    [Fact]
    public void A_worker_that_took_a_shard_over_or_is_asked_again_hands_out_the_same_pieces()
    {
        var first = Loaded();
        first.Handle(Hash());
        var firstPieces = Enumerable.Range(0, Partitions).Select(p => first.Handle(Piece(p))).ToArray();
        // The shard's new worker never saw the hash request: it hashes the shard again for the first piece asked of it.
        var successor = Loaded();
        var successorPieces = Enumerable.Range(0, Partitions).Select(p => successor.Handle(Piece(p))).ToArray();
        Assert.Equal(firstPieces, successorPieces);
        // A piece handed out already (its matching worker died since) is asked for again.
        Assert.Equal(firstPieces[1], first.Handle(Piece(1)));
        // Together the pieces hold each of the shard's rows once, numbered from the first row given, in order within each.
        var rows = firstPieces.Select(piece => Read(piece).Rows).ToArray();
        Assert.All(rows, piece => Assert.Equal(piece.Order(), piece));
        Assert.Equal(Enumerable.Range(FirstRow, 40), rows.SelectMany(piece => piece).Order());
        Assert.True(rows.Count(piece => piece.Length > 0) > 1, "the rows spread over more than one partition");
    }

    [Fact]
    public void A_match_sees_a_key_repeated_across_shards_and_names_its_rows_by_their_global_numbers()
    {
        var worker = Loaded();
        worker.Handle(Hash());
        var pieces = Enumerable.Range(0, Partitions).Select(p => worker.Handle(Piece(p))).ToArray();
        // Each piece stands for one shard of the left table (as if shards 0 and 1 held the same rows), then the right table's.
        var matches = Enumerable.Range(0, Partitions).Select(p => ShardMessages.ReadMatch(
            worker.Handle(ShardMessages.Match(2, findDuplicates: true), [pieces[p], pieces[p], pieces[p]]))).ToArray();
        var repeated = matches.Where(match => match.Left.Count > 0).MinBy(match => match.Left.Group[0])!.Left;
        // Each row's second copy repeats a key.
        Assert.Equal(40, matches.Sum(match => match.Left.Count));
        Assert.Equal([FirstRow, FirstRow], repeated.Group);
        Assert.All(matches, match => Assert.Equal(0, match.Right.Count));
    }

    [Fact]
    public void A_match_request_that_does_not_come_with_its_pieces_whole_is_refused()
    {
        var worker = Loaded();
        worker.Handle(Hash());
        var piece = worker.Handle(Piece(0));
        Assert.Throws<InvalidDataException>(() => worker.Handle(ShardMessages.Match(2, findDuplicates: false), [piece, piece]));
        Assert.Throws<InvalidDataException>(() => worker.Handle(ShardMessages.Match(1, findDuplicates: false), [piece]));
        // A piece cut short, or whose hashes are not as many as its rows.
        Assert.Throws<InvalidDataException>(() => worker.Handle(ShardMessages.Match(1, findDuplicates: false), [piece, piece.AsMemory(..^1)]));
        var uneven = (byte[])piece.Clone();
        uneven[4 + (4 * BitConverter.ToInt32(piece))]--;
        Assert.Throws<InvalidDataException>(() => worker.Handle(ShardMessages.Match(1, findDuplicates: false), [piece, uneven]));
        Assert.Equal(0, ShardMessages.ReadMatch(worker.Handle(ShardMessages.Match(1, findDuplicates: true), [piece, piece])).Left.Count);
    }

    private static (int[] Rows, ulong[] Hashes) Read(byte[] piece) => Wire.Read(piece, reader => (reader.ReadArray<int>(), reader.ReadArray<ulong>()));
}

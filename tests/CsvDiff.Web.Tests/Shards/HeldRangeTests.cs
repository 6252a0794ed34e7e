// A worker's shard is read in place from the range it read while the page cut the inputs, the header part and the bytes
// past the range's end put around it: it must be exactly the shard the input holds.
using CsvDiff.Web.Worker;

namespace CsvDiff.Web.Tests.Shards;

public sealed class HeldRangeTests
{
    [Fact]
    public void A_shard_placed_in_a_range_is_the_header_part_then_its_bytes_whatever_the_cuts()
    {
        var random = new Random(20261203);
        for (var round = 0; round < 2_000; round++)
        {
            var input = new byte[random.Next(1, 400)];
            random.NextBytes(input);
            var headerLength = random.Next(0, Math.Min(20, input.Length));
            var rangeStart = random.Next(headerLength, input.Length);
            var rangeEnd = random.Next(rangeStart + 1, input.Length + 1);
            var range = Read(input, rangeStart, rangeEnd, headerLength);
            // A shard starts in the range, past the header for every shard but the first, and ends at or past its start.
            var start = random.Next(rangeStart, rangeEnd);
            var end = random.Next(start, input.Length + 1);
            var shardHeader = start == 0 ? 0 : headerLength;

            var place = range.Place(start, end, shardHeader);

            Assert.True(place.HasValue, $"round {round}");
            input.AsSpan(0, shardHeader).CopyTo(range.HeaderOf(place.Value));
            input.AsSpan(rangeEnd, place.Value.TailLength).CopyTo(range.TailOf(place.Value));
            var expected = input[..shardHeader].Concat(input[start..end]).ToArray();
            Assert.Equal(expected, range.BytesOf(place.Value).ToArray());
        }
    }

    [Theory]
    [InlineData(99, 150, "the shard starts before the range")]
    [InlineData(200, 250, "the shard starts at the range's end")]
    [InlineData(150, 149, "the shard ends before it starts")]
    [InlineData(150, 200 + HeldRange.TailRoom + 1, "the shard runs further past the range than the room there")]
    public void A_shard_the_range_cannot_hold_in_place_is_refused(long start, long end, string why)
    {
        var range = new HeldRange(1, 100, 100, 10);

        Assert.True(range.Place(start, end, 10) is null, why);
    }

    [Fact]
    public void A_shard_running_to_the_end_of_the_room_past_the_range_is_placed()
    {
        var range = new HeldRange(1, 100, 100, 10);

        Assert.Equal(new HeldShard(50, 10, 10 + 50 + HeldRange.TailRoom, HeldRange.TailRoom), range.Place(150, 200 + HeldRange.TailRoom, 10));
    }

    private static HeldRange Read(byte[] input, int start, int end, int headerRoom)
    {
        var range = new HeldRange(1, start, end - start, headerRoom);
        input.AsSpan(start, end - start).CopyTo(range.Chunk(0, end - start));
        return range;
    }
}

// Workers scan ranges of an input side by side; the cuts joined from their scans must be the cuts one scan from the start makes.
using System.Text;

namespace CsvDiff.Web.Tests.EndToEnd;

[Collection(ViewerCollection.Name)]
public sealed class ShardCutTests(ViewerServer server)
{
    private const string CutInRanges = """
        async cases => {
          const { cutsFrom, headerEnd, RangeScan } = await import('./js/shard-cuts.js');
          return cases.map(({ text, ranges, aligned, chunk }) => {
            const bytes = new TextEncoder().encode(text);
            const header = headerEnd(bytes);
            if (header === 0) {
              return [];
            }
            const bounds = Array.from({ length: ranges + 1 }, (_, k) => Math.floor((bytes.length * k) / ranges));
            const scans = bounds.slice(1).map((end, k) => {
              // A copy starts a buffer, as a worker's read of a chunk does; a view starts anywhere. A worker scans its range
              // a chunk at a time as it reads it.
              const range = aligned ? bytes.slice(bounds[k], end) : bytes.subarray(bounds[k], end);
              const scan = new RangeScan(bounds[k], { countAll: k < ranges - 1, findPlaces: k > 0 });
              for (let at = 0; at < range.length; at += chunk) {
                scan.add(range.subarray(at, at + chunk));
              }
              return scan.result();
            });
            return cutsFrom(scans, header, bytes.length);
          });
        }
        """;

    [Fact]
    public async Task Cuts_joined_from_range_scans_are_the_cuts_of_one_scan_from_the_start()
    {
        var random = new Random(20261124);
        var cases = Enumerable.Range(0, 400).Select(i => new Case(RandomText(random), random.Next(1, 6), i % 2 == 0, random.Next(1, 40))).ToArray();
        var page = await server.OpenAsync("?workers=off");

        var cuts = await page.EvaluateAsync<int[][]>(CutInRanges, cases.Select(c => new { text = c.Text, ranges = c.Ranges, aligned = c.Aligned, chunk = c.Chunk }).ToArray());

        for (var i = 0; i < cases.Length; i++)
        {
            Assert.True(OneScan(Encoding.UTF8.GetBytes(cases[i].Text), cases[i].Ranges).SequenceEqual(cuts[i]), $"case {i}: {cases[i]}");
        }
        await page.Context.CloseAsync();
    }

    // The page finds the header's end in JavaScript, the engine in C#: one rule, checked on random texts.
    [Fact]
    public async Task The_pages_header_end_is_the_engines()
    {
        var random = new Random(20261202);
        var texts = Enumerable.Range(0, 500).Select(_ => RandomText(random)).ToArray();
        var page = await server.OpenAsync("?workers=off");

        var ends = await page.EvaluateAsync<int[]>("""
            async texts => {
              const { headerEnd } = await import('./js/shard-cuts.js');
              return texts.map((text) => headerEnd(new TextEncoder().encode(text)));
            }
            """, texts);

        Assert.Equal(texts.Select(t => TableSniffer.HeaderEnd(Encoding.UTF8.GetBytes(t))), ends);
        await page.Context.CloseAsync();
    }

    private sealed record Case(string Text, int Ranges, bool Aligned, int Chunk);

    // Quotes, line breaks and multi-byte letters often enough that quoted line breaks and long quoted runs fall across ranges.
    private static string RandomText(Random random)
    {
        const string alphabet = "ab,,\"\"\n\n\r é";
        var text = new StringBuilder();
        for (var length = random.Next(0, 160); text.Length < length;)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }
        return text.ToString();
    }

    // The rule, walked once from the start: the header ends where Core says (TableSniffer.HeaderEnd); each later range is cut after the first line feed outside quotes at or after its start, if past the last cut and short of the end.
    private static int[] OneScan(byte[] bytes, int ranges)
    {
        var outsideQuotes = new bool[bytes.Length];
        var quotes = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            outsideQuotes[i] = quotes % 2 == 0;
            quotes += bytes[i] == '"' ? 1 : 0;
        }
        var header = TableSniffer.HeaderEnd(bytes);
        if (header == 0)
        {
            return [];
        }
        var cuts = new List<int>();
        for (var k = 1; k < ranges; k++)
        {
            var start = (int)((long)bytes.Length * k / ranges);
            var lineFeed = Enumerable.Range(start, bytes.Length - start).Where(i => bytes[i] == '\n' && outsideQuotes[i]).DefaultIfEmpty(-1).First();
            if (lineFeed >= 0 && lineFeed + 1 > (cuts.Count > 0 ? cuts[^1] : header) && lineFeed + 1 < bytes.Length)
            {
                cuts.Add(lineFeed + 1);
            }
        }
        return [.. cuts];
    }
}

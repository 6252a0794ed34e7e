// Guesses the field delimiter from the first records: the candidate that splits them into the most consistent number of fields.
namespace CsvDiff.Reading;

internal static class DelimiterDetector
{
    // Candidates in order of preference when they score the same.
    private static readonly byte[] Candidates = [(byte)',', (byte)';', (byte)'\t', (byte)'|'];
    public const int SampleBytes = 64 * 1024;
    private const int SampleRecords = 100;

    public static byte Detect(ReadOnlySpan<byte> data)
    {
        var sample = data[..Math.Min(data.Length, SampleBytes)];
        var best = Candidates[0];
        (double Consistency, int Fields) bestScore = (0, 1);
        foreach (var candidate in Candidates)
        {
            var score = Score(sample, candidate, sample.Length < data.Length);
            if (score.Fields > 1 && (score.Consistency > bestScore.Consistency
                || (score.Consistency == bestScore.Consistency && score.Fields > bestScore.Fields)))
            {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    // Consistency is the share of sampled records with the most common field count.
    private static (double Consistency, int Fields) Score(ReadOnlySpan<byte> sample, byte delimiter, bool sampleIsCut)
    {
        var tokenizer = new CsvTokenizer(delimiter);
        var fields = new FieldList();
        var counts = new Dictionary<int, int>();
        var records = 0;
        var position = 0;
        while (position < sample.Length && records < SampleRecords)
        {
            if (CsvTokenizer.IsLineBreak(sample[position]))
            {
                position++;
                continue;
            }
            int next;
            try
            {
                next = tokenizer.ReadRecord(sample, position, fields, out _);
            }
            catch (MalformedRecordException)
            {
                // The sample may cut a quoted field in two; a delimiter that breaks quoting earlier scores lower anyway.
                break;
            }
            if (next >= sample.Length && sampleIsCut)
            {
                break;
            }
            counts[fields.Count] = counts.GetValueOrDefault(fields.Count) + 1;
            records++;
            position = next;
        }
        if (records == 0)
        {
            return (0, 1);
        }
        var mode = counts.OrderByDescending(c => c.Value).ThenByDescending(c => c.Key).First();
        return ((double)mode.Value / records, mode.Key);
    }
}

// Chooses a key for `--key auto`: the smallest set of compared columns whose values are unique in both tables.
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;
using CsvDiff.Reading;
using CsvDiff.Schema;

namespace CsvDiff.Alignment;

internal static class KeyFinder
{
    // Pairs of columns are tried among this many candidates at most: 66 pairs, each a pass over both tables.
    private const int PairCandidates = 12;

    /// <summary>Positions in <see cref="ColumnPlan.Compared"/> of the chosen key, or null when no single column or pair is unique.</summary>
    public static int[]? Find(ITableStore left, ITableStore right, ColumnPlan plan, ValueNormalizer normalizer, PartitionRunner runner)
    {
        // Identifier-like names come first: of two unique columns, "id" is the one a person means.
        var candidates = Enumerable.Range(0, plan.Compared.Length)
            .OrderBy(p => LooksLikeIdentifier(plan.Compared[p].Name) ? 0 : 1)
            .ThenBy(p => p)
            .ToArray();
        var cache = new Dictionary<int, (ulong[] Left, ulong[] Right)>();
        (ulong[] Left, ulong[] Right) Hashes(int position)
        {
            if (!cache.TryGetValue(position, out var hashes))
            {
                var column = plan.Compared[position];
                hashes = (left.Hash([column.Left], [], RowHashForm.Cells, normalizer, runner).Exact().RowHashes,
                          right.Hash([column.Right], [], RowHashForm.Cells, normalizer, runner).Exact().RowHashes);
                cache[position] = hashes;
            }
            return hashes;
        }

        // Unique hashes imply unique values; a (vanishingly rare) collision only rejects a usable column.
        foreach (var position in candidates)
        {
            var (l, r) = Hashes(position);
            if (HashMatcher.AreUnique(l, runner) && HashMatcher.AreUnique(r, runner))
            {
                return [position];
            }
            // Keeping every rejected column's hashes would hold columns × rows × 16 bytes; pairs recompute the few they need.
            cache.Remove(position);
        }
        var pairable = candidates.Take(PairCandidates).ToArray();
        for (var i = 0; i < pairable.Length; i++)
        {
            for (var j = i + 1; j < pairable.Length; j++)
            {
                runner.Cancellation.ThrowIfCancellationRequested();
                var (l1, r1) = Hashes(pairable[i]);
                var (l2, r2) = Hashes(pairable[j]);
                if (HashMatcher.AreUnique(Pairwise(l1, l2), runner) && HashMatcher.AreUnique(Pairwise(r1, r2), runner))
                {
                    return [.. new[] { pairable[i], pairable[j] }.Order()];
                }
            }
        }
        return null;
    }

    internal static bool LooksLikeIdentifier(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower is "id" or "key" or "uuid" or "guid" or "code" or "sku"
            || lower.EndsWith("_id", StringComparison.Ordinal) || lower.EndsWith(" id", StringComparison.Ordinal)
            || (name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2);
    }

    private static ulong[] Pairwise(ulong[] first, ulong[] second)
    {
        var combined = new ulong[first.Length];
        for (var i = 0; i < combined.Length; i++)
        {
            combined[i] = (first[i] * 0x9E3779B97F4A7C15UL) ^ second[i];
        }
        return combined;
    }
}

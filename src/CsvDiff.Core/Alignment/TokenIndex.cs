// Content mode's candidate index: for each token of the right leftovers (a cell's value or one of its words, in its column),
// the rows that have it.
using System.IO.Hashing;
using System.Runtime.InteropServices;
using CsvDiff.Internals;

namespace CsvDiff.Alignment;

/// <summary>
/// The rows of each token, one after another in one array, found through a <see cref="HashToRowMap"/> of the tokens: the
/// pairer looks up every token of every left leftover, and in the browser's interpreter a dictionary of lists costs several
/// calls a lookup and an enumerator a list. A token of more than <see cref="MaxPostings"/> rows says nothing about which row
/// is which and has none.
/// </summary>
internal sealed class TokenIndex : IDisposable
{
    public const int MaxPostings = 100;
    private const int MaxWordsPerCell = 32;

    // Each distinct token by its id; the map finds a token's id.
    private readonly ulong[] _tokens;
    private readonly HashToRowMap _ids;

    // The rows of token t, in row order: _rows[_start[t].._start[t + 1]].
    private readonly int[] _start;
    private readonly int[] _rows;

    public TokenIndex(string[][] rows)
    {
        // Every row's distinct tokens, one row after another.
        var all = new ulong[Math.Max(64, rows.Length * 8)];
        var rowEnd = new int[rows.Length];
        var count = 0;
        var scratch = new ulong[64];
        for (var row = 0; row < rows.Length; row++)
        {
            var tokens = RowTokens(rows[row], ref scratch);
            if (all.Length < count + tokens)
            {
                Array.Resize(ref all, Math.Max(all.Length * 2, count + tokens));
            }
            scratch.AsSpan(0, tokens).CopyTo(all.AsSpan(count));
            rowEnd[row] = count += tokens;
        }

        // Each token's id, in the order first met.
        _tokens = new ulong[count];
        _ids = new HashToRowMap(_tokens, count);
        var idOf = new int[count];
        var distinct = 0;
        for (var i = 0; i < count; i++)
        {
            _tokens[distinct] = all[i];
            idOf[i] = _ids.GetOrAdd(distinct, out var existed);
            distinct += existed ? 0 : 1;
        }

        var rowsOf = new int[distinct];
        foreach (var id in idOf)
        {
            rowsOf[id]++;
        }
        _start = new int[distinct + 1];
        for (var id = 0; id < distinct; id++)
        {
            _start[id + 1] = _start[id] + (rowsOf[id] <= MaxPostings ? rowsOf[id] : 0);
        }
        _rows = new int[_start[distinct]];
        var next = _start.AsSpan(0, distinct).ToArray();
        for (int row = 0, i = 0; row < rows.Length; row++)
        {
            for (; i < rowEnd[row]; i++)
            {
                if (rowsOf[idOf[i]] <= MaxPostings)
                {
                    _rows[next[idOf[i]]++] = row;
                }
            }
        }
    }

    public void Dispose() => _ids.Dispose();

    /// <summary>Puts each token's id into <paramref name="ids"/>, or -1 for a token no row has.</summary>
    public void Find(ReadOnlySpan<ulong> tokens, Span<int> ids)
    {
        var slots = ids[..tokens.Length];
        _ids.FindSlots(tokens, slots);
        foreach (ref var slot in slots)
        {
            slot = slot < 0 ? -1 : _ids[slot];
        }
    }

    /// <summary>The rows that have the token of <paramref name="id"/> (none for -1, or for a token too common to index).</summary>
    public ReadOnlySpan<int> RowsWith(int id) => id < 0 ? [] : _rows.AsSpan(_start[id], _start[id + 1] - _start[id]);

    /// <summary>
    /// Puts a row's distinct tokens at the start of <paramref name="tokens"/> (grown as needed) and returns how many:
    /// each cell's value and, for a cell of several words, its words, each in its column. A token is kept as a 64-bit hash
    /// seeded by its column and kind, not as a string: a collision can only raise a row's count of shared tokens, which picks
    /// the candidates; each is then scored on the cells themselves.
    /// </summary>
    public static int RowTokens(string[] cells, ref ulong[] tokens)
    {
        var count = 0;
        for (var column = 0; column < cells.Length; column++)
        {
            var value = cells[column];
            if (value.Length == 0)
            {
                continue;
            }
            if (tokens.Length < count + 1 + MaxWordsPerCell)
            {
                Array.Resize(ref tokens, (tokens.Length * 2) + 1 + MaxWordsPerCell);
            }
            tokens[count++] = Token(column, isWord: false, value);
            // Its words, runs of letters and digits, hashed where they stand rather than cut out as strings: the browser's
            // interpreter pays for every allocation. A cell of one word adds nothing its value did not.
            var words = 0;
            var start = -1;
            for (var i = 0; i <= value.Length && words < MaxWordsPerCell; i++)
            {
                var inWord = i < value.Length && char.IsLetterOrDigit(value[i]);
                if (inWord && start < 0)
                {
                    start = i;
                }
                else if (!inWord && start >= 0)
                {
                    var word = Token(column, isWord: true, value.AsSpan(start, i - start));
                    // A word repeated in its cell is one token. Tokens of other cells cannot be the same: each is seeded by its
                    // column and kind (but for a collision of hashes, which at worst raises one row's count).
                    if (tokens.AsSpan(count, words).IndexOf(word) < 0)
                    {
                        tokens[count + words++] = word;
                    }
                    start = -1;
                }
            }
            count += words > 1 ? words : 0;
        }
        return count;
    }

    private static ulong Token(int column, bool isWord, ReadOnlySpan<char> text) =>
        XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text), column * 2L + (isWord ? 1 : 0));
}

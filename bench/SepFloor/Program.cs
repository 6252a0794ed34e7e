// What a keyed diff cannot avoid, written with Sep, the fastest .NET CSV reader: read both files side by side (one thread
// each) and hash every row and its first field with XxHash3. bench/floor.sh sets csvdiff's CPU time against this one's.
using System.IO.Hashing;
using System.Runtime.InteropServices;
using nietras.SeparatedValues;

if (args is not [var left, var right])
{
    Console.Error.WriteLine("usage: SepFloor LEFT RIGHT");
    return 2;
}
var sums = new ulong[2];
Parallel.Invoke(
    new ParallelOptions { MaxDegreeOfParallelism = 2 },
    () => sums[0] = HashRows(left),
    () => sums[1] = HashRows(right));
// The sums are printed so that no hash can be optimised away.
Console.WriteLine($"{sums[0]:x16} {sums[1]:x16}");
return 0;

static ulong HashRows(string path)
{
    using var reader = Sep.Reader().FromFile(path);
    var sum = 0UL;
    foreach (var row in reader)
    {
        sum += XxHash3.HashToUInt64(MemoryMarshal.AsBytes(row.Span));
        sum ^= XxHash3.HashToUInt64(MemoryMarshal.AsBytes(row[0].Span));
    }
    return sum;
}

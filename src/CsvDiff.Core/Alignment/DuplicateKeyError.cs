// The error for a key that repeats within one table, naming the key's values and the lines it is on.
using System.Globalization;
using CsvDiff.Reading;
using CsvDiff.Schema;

namespace CsvDiff.Alignment;

internal static class DuplicateKeyError
{
    // The group is the rows sharing the first repeated key, as HashMatcher.GroupFrom gives them.
    public static CsvDiffException Create(IRowSource table, int[] group, int repeatedRows, int[] comparedColumns, ColumnPlan plan)
    {
        var fields = new FieldList();
        var scratch = new byte[256];
        var values = table.GetRowValues(group[0], fields, ref scratch);
        var key = string.Join(", ", plan.KeyPositions.Select(p => $"{plan.Compared[p].Name}={values[comparedColumns[p]]}"));
        var lines = string.Join(", ", group.Select(r => table.LineOf(r).ToString(CultureInfo.InvariantCulture)));
        var more = repeatedRows > group.Length - 1
            ? $"; {repeatedRows.ToString(CultureInfo.InvariantCulture)} rows in all repeat an earlier key"
            : "";
        return new CsvDiffException(
            $"duplicate key {key} (lines {lines}{more}); choose other key columns, or pair duplicates by occurrence",
            table.Name, table.LineOf(group[1]));
    }
}

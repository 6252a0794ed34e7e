// Table-driven cases for how bytes become records: quoting, line endings, encodings, delimiters, headers and ragged rows.
using System.Text;
using CsvDiff.Reading;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Reading;

public class TableReaderTests
{
    private static CsvTable Read(string text, CsvFormat? format = null) =>
        TableReader.Read(CsvText.Input("t.csv", text), format ?? new CsvFormat { HasHeader = false, AllowRagged = true, Delimiter = ',' }, null, default);

    private static CsvTable Read(byte[] bytes, CsvFormat? format = null) =>
        TableReader.Read(new TableInput("t.csv", bytes), format ?? new CsvFormat(), null, default);

    private static List<string[]> Rows(CsvTable table)
    {
        var fields = new FieldList();
        var scratch = new byte[8];
        return Enumerable.Range(0, table.RowCount).Select(r => table.GetRowValues(r, fields, ref scratch)).ToList();
    }

    public static TheoryData<string, string, string[][], int[]> Records => new()
    {
        { "LF line ends", "a,b\nc,d", [["a", "b"], ["c", "d"]], [1, 2] },
        { "CRLF line ends", "a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]], [1, 2] },
        { "lone CR line ends", "a,b\rc,d\r", [["a", "b"], ["c", "d"]], [1, 2] },
        { "mixed line ends", "a,b\r\nc,d\ne,f\rg,h", [["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]], [1, 2, 3, 4] },
        { "quoted delimiter", "\"a,b\",c\n", [["a,b", "c"]], [1] },
        { "doubled quotes", "\"say \"\"hi\"\"\",x", [["say \"hi\"", "x"]], [1] },
        { "quoted LF counts as a line", "\"multi\nline\",x\ny,z", [["multi\nline", "x"], ["y", "z"]], [1, 3] },
        { "quoted CRLF kept as is", "\"a\r\nb\",c\r\nd,e", [["a\r\nb", "c"], ["d", "e"]], [1, 3] },
        { "blank lines skipped, numbering kept", "a,b\n\n\r\nc,d\n", [["a", "b"], ["c", "d"]], [1, 4] },
        { "empty quoted field", "a,\"\"\n", [["a", ""]], [1] },
        { "trailing delimiter is an empty field", "a,b,", [["a", "b", ""]], [1] },
        { "quote inside an unquoted field is literal", "5\" pipe,x", [["5\" pipe", "x"]], [1] },
        { "only delimiters", ",\n", [["", ""]], [1] },
        { "single field without line end", "x", [["x"]], [1] },
        { "spaces kept", " a , b ", [[" a ", " b "]], [1] },
        { "non-ASCII", "é,日本\n", [["é", "日本"]], [1] },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void Splits_records_and_numbers_their_first_lines(string because, string text, string[][] expected, int[] lines)
    {
        var table = Read(text);
        Assert.True(expected.Length == table.RowCount, because);
        Assert.Equal(expected, Rows(table));
        Assert.Equal(lines, Enumerable.Range(0, table.RowCount).Select(table.LineOf));
    }

    public static TheoryData<string, int, int, string> Malformed => new()
    {
        { "a,b\n\"open,c\nd,e\n", 2, 1, "a quoted field is never closed" },
        { "a,\"b\"c,d", 1, 2, "unexpected text after a closing quote" },
        { "x\n\"a\nb\"c", 3, 1, "unexpected text after a closing quote" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_quoting_names_line_and_column(string text, int line, int column, string problem)
    {
        var error = Assert.Throws<CsvDiffException>(() => Read(text));
        Assert.Equal(("t.csv", line, column), (error.Input, error.Line, error.Column));
        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"t.csv: line {line}, column {column}: {problem}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ragged_row_is_an_error_naming_line_and_counts()
    {
        var error = Assert.Throws<CsvDiffException>(() => Read("id,name\n1,Ann\n2,Bob,extra\n", new CsvFormat()));
        Assert.Equal(3, error.Line);
        Assert.Contains("3 fields but the header has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_ragged_rows_are_padded_and_reported()
    {
        var table = Read("id,name,city\n1,Ann\n2,Bob,Rome,extra\n", new CsvFormat { AllowRagged = true });
        Assert.Equal([["1", "Ann", ""], ["2", "Bob", "Rome"]], Rows(table));
        Assert.Contains(table.Notices, n => n.Contains("1 row has fewer than 3 fields", StringComparison.Ordinal) && n.Contains("line 2", StringComparison.Ordinal));
        Assert.Contains(table.Notices, n => n.Contains("1 row has more than 3 fields", StringComparison.Ordinal) && n.Contains("line 3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a,b,c\n1,2,3\n", ',')]
    [InlineData("a;b;c\n1;2;3\n", ';')]
    [InlineData("a\tb\tc\n1\t2\t3\n", '\t')]
    [InlineData("a|b|c\n1|2|3\n", '|')]
    [InlineData("name;note\nAnn;hi, there\nBob;x\n", ';')]
    [InlineData("\"a;b\",c\n\"1;2\",3\n", ',')]
    [InlineData("single\nvalue\n", ',')]
    public void Detects_the_delimiter(string text, char expected)
    {
        var table = Read(text, new CsvFormat());
        Assert.Equal(expected, table.Info.Delimiter);
    }

    [Fact]
    public void Header_names_columns_and_is_not_a_row()
    {
        var table = Read("id,name\n1,Ann\n", new CsvFormat());
        Assert.Equal(["id", "name"], table.Columns);
        Assert.Equal(1, table.RowCount);
        Assert.Equal(2, table.LineOf(0));
    }

    [Fact]
    public void Without_header_columns_are_numbered()
    {
        var table = Read("1,Ann\n2,Bob\n", new CsvFormat { HasHeader = false });
        Assert.Equal(["1", "2"], table.Columns);
        Assert.Equal(2, table.RowCount);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("\n\n", 0)]
    [InlineData("id,name\n", 2)]
    [InlineData("id,name", 2)]
    public void Empty_and_header_only_files_have_no_rows(string text, int columns)
    {
        var table = Read(text, new CsvFormat());
        Assert.Equal(0, table.RowCount);
        Assert.Equal(columns, table.Columns.Length);
    }

    [Fact]
    public void Empty_and_repeated_header_names_are_made_unique_and_reported()
    {
        var table = Read("a,a,,b,a\n", new CsvFormat());
        Assert.Equal(["a", "a_2", "3", "b", "a_3"], table.Columns);
        Assert.Equal(3, table.Notices.Count);
    }

    [Fact]
    public void Utf8_bom_is_not_part_of_the_first_name()
    {
        var table = Read([0xEF, 0xBB, 0xBF, .. "id,name\n1,x\n"u8.ToArray()]);
        Assert.Equal(TextEncoding.Utf8Bom, table.Encoding);
        Assert.Equal("id", table.Columns[0]);
    }

    [Theory]
    [InlineData(false, TextEncoding.Utf16LittleEndian, true)]
    [InlineData(true, TextEncoding.Utf16BigEndian, true)]
    [InlineData(false, TextEncoding.Utf16LittleEndian, false)]
    [InlineData(true, TextEncoding.Utf16BigEndian, false)]
    public void Utf16_is_decoded_with_or_without_bom(bool bigEndian, TextEncoding expected, bool bom)
    {
        var encoding = bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode;
        byte[] bytes = [.. bom ? encoding.GetPreamble() : [], .. encoding.GetBytes("id,name\n1,Zoë\n")];
        var table = Read(bytes);
        Assert.Equal(expected, table.Encoding);
        Assert.Equal([["1", "Zoë"]], Rows(table));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_fall_back_to_windows_1252_and_say_so()
    {
        byte[] bytes = [.. "id,name\n1,caf"u8.ToArray(), 0xE9, .. ",\n"u8.ToArray(), 0x80, .. "\n"u8.ToArray()];
        var table = Read(bytes, new CsvFormat { AllowRagged = true });
        Assert.Equal(TextEncoding.Windows1252, table.Encoding);
        Assert.Equal("café", Rows(table)[0][1]);
        Assert.Equal("€", Rows(table)[1][0]);
        Assert.Contains(table.Notices, n => n.Contains("Windows-1252", StringComparison.Ordinal));
    }

    [Fact]
    public void Nul_bytes_are_refused_as_binary()
    {
        var error = Assert.Throws<CsvDiffException>(() => Read([.. "id\n1\n"u8.ToArray(), 0x89, 0x50, 0x00, 0x01]));
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }
}

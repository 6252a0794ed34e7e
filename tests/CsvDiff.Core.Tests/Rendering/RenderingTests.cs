// Golden files for every output format of the example pair, and the rules each writer must keep (escaping, arrows).
using CsvDiff.Rendering;
using CsvDiff.Tests.Support;

namespace CsvDiff.Tests.Rendering;

public class RenderingTests
{
    private static DiffResult ExampleDiff(DiffOptions options)
    {
        TableInput Load(string file) => new(file, File.ReadAllBytes(Repository.PathOf("examples", file)));
        return TableDiff.Compare(Load("customers-january.csv"), Load("customers-february.csv"), options);
    }

    public static TheoryData<OutputFormat, string> Formats => new()
    {
        { OutputFormat.Text, "customers.txt" },
        { OutputFormat.Json, "customers.json" },
        { OutputFormat.Highlighter, "customers.highlighter.csv" },
        { OutputFormat.Html, "customers.html" },
        { OutputFormat.Summary, "customers.summary.txt" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Example_pair_renders_as_its_golden_file(OutputFormat format, string golden)
    {
        var result = ExampleDiff(new DiffOptions { Key = ["id"], InlineSegments = true });
        Repository.AssertGolden(Repository.PathOf("tests", "CsvDiff.Core.Tests", "Data", "golden", golden), DiffWriters.WriteToString(result, format));
    }

    [Fact]
    public void Text_colours_only_when_asked()
    {
        var result = ExampleDiff(new DiffOptions { Key = ["id"] });
        Assert.DoesNotContain("\e[", DiffWriters.WriteToString(result, OutputFormat.Text), StringComparison.Ordinal);
        Assert.Contains("\e[32m", DiffWriters.WriteToString(result, OutputFormat.Text, new RenderOptions { Color = true }), StringComparison.Ordinal);
    }

    private static DiffResult HostileDiff()
    {
        const string markup = "<img src=x onerror=alert(1)>";
        var left = CsvText.Input("<b>left</b>.csv", $"id,\"<script>alert('h')</script>\",note\n1,safe,\"{markup}\"\n2,gone,x\n");
        var right = CsvText.Input("right.csv", $"id,\"<script>alert('h')</script>\",note\n1,safe,\"javascript:alert(1)\"\n3,\"<svg onload=alert(1)>\",\"a&b\"\n");
        return TableDiff.Compare(left, right, new DiffOptions { Key = ["id"] });
    }

    [Fact]
    public void Html_shows_markup_in_values_and_names_as_text()
    {
        var html = DiffWriters.WriteToString(HostileDiff(), OutputFormat.Html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;h&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("a&amp;b", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_shows_control_characters_as_escapes()
    {
        var left = CsvText.Input("l.csv", "id,v\n1,\"a\e[31mred\"\n");
        var right = CsvText.Input("r.csv", "id,v\n1,\"two\nlines\"\n");
        var text = DiffWriters.WriteToString(TableDiff.Compare(left, right, new DiffOptions { Key = ["id"] }), OutputFormat.Text);
        Assert.Contains("v: \"a\\u001b[31mred\" → \"two\\nlines\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\e", text, StringComparison.Ordinal);
    }

    // Quoted values escape their quotes and backslashes, so that a quote inside ends nothing and a backslash and an n in the
    // data read otherwise than a line break.
    [Theory]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("C:\\new", "\"C:\\\\new\"")]
    [InlineData("two\nlines", "\"two\\nlines\"")]
    [InlineData("\\\"", "\"\\\\\\\"\"")]
    [InlineData("plain", "\"plain\"")]
    public void Text_escapes_quotes_and_backslashes_in_quoted_values(string value, string shown)
    {
        var quoted = "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var left = CsvText.Input("l.csv", "id,v\n1,x\n");
        var right = CsvText.Input("r.csv", $"id,v\n1,{quoted}\n2,{quoted}\n");
        var text = DiffWriters.WriteToString(TableDiff.Compare(left, right, new DiffOptions { Key = ["id"] }), OutputFormat.Text);
        Assert.Contains($"    v: \"x\" → {shown}\n", text, StringComparison.Ordinal);
        Assert.Contains($"    id=\"2\", v={shown}\n", text, StringComparison.Ordinal);
    }

    // Every kind of character char.IsControl names (C0 but NUL, which no input may hold; DEL; C1), in a key, a column name,
    // an added row's values and a change; the characters around those ranges pass as they are.
    [Theory]
    [InlineData('\u0001', "\\u0001")]
    [InlineData('\t', "\\t")]
    [InlineData('\u001f', "\\u001f")]
    [InlineData('\u007f', "\\u007f")]
    [InlineData('\u0085', "\\u0085")]
    [InlineData('\u009f', "\\u009f")]
    [InlineData(' ', " ")]
    [InlineData('~', "~")]
    [InlineData('\u00a0', "\u00a0")]
    public void Text_shows_each_control_character_as_an_escape_wherever_it_is(char c, string shown)
    {
        var left = CsvText.Input("l.csv", $"id,\"v{c}\"\n\"k{c}\",a\n");
        var right = CsvText.Input("r.csv", $"id,\"v{c}\"\n\"k{c}\",\"b{c}\"\n2,\"n{c}\"\n");
        var text = DiffWriters.WriteToString(TableDiff.Compare(left, right, new DiffOptions { Key = ["id"] }), OutputFormat.Text);
        Assert.Contains($"~ id=k{shown}  line 2 → 2\n    v{shown}: \"a\" → \"b{shown}\"\n", text, StringComparison.Ordinal);
        Assert.Contains($"+ id=2  line 3\n    id=\"2\", v{shown}=\"n{shown}\"\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Highlighter_lengthens_the_arrow_past_any_arrow_in_the_values()
    {
        var left = CsvText.Input("l.csv", "id,v,w\n1,a->b,x\n");
        var right = CsvText.Input("r.csv", "id,v,w\n1,c,x-->y\n");
        var csv = DiffWriters.WriteToString(TableDiff.Compare(left, right, new DiffOptions { Key = ["id"] }), OutputFormat.Highlighter);
        Assert.Equal("@@,id,v,w\n--->,1,a->b--->c,x--->x-->y\n", csv);
    }

    [Fact]
    public void Json_keeps_every_value_verbatim()
    {
        var json = DiffWriters.WriteToString(HostileDiff(), OutputFormat.Json);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var rows = document.RootElement.GetProperty("rows");
        var added = rows.EnumerateArray().Single(r => r.GetProperty("type").GetString() == "added");
        Assert.Equal("<svg onload=alert(1)>", added.GetProperty("right").GetProperty("<script>alert('h')</script>").GetString());
    }

    [Fact]
    public void Safe_csv_defuses_formula_cells_but_not_the_format_markers()
    {
        var left = CsvText.Input("l.csv", "id,v\n1,ok\n2,x\n");
        var right = CsvText.Input("r.csv", "id,v,\"=HYPERLINK(\"\"x\"\")\"\n1,ok,a\n2,=1+1,b\n3,+A,-5\n4,@SUM(A1),\"\tx\"\n5,\"\rx\",c\n");
        var result = TableDiff.Compare(left, right, new DiffOptions { Key = ["id"] });
        var csv = DiffWriters.WriteToString(result, OutputFormat.Highlighter, new RenderOptions { SafeCsv = true });
        Assert.Equal(
            "!,,,+++\n" +
            "@@,id,v,\"'=HYPERLINK(\"\"x\"\")\"\n" +
            "->,2,x->=1+1,b\n" +
            "+++,3,'+A,'-5\n" +
            "+++,4,'@SUM(A1),'\tx\n" +
            "+++,5,\"'\rx\",c\n", csv);
        Assert.DoesNotContain("'", DiffWriters.WriteToString(result, OutputFormat.Highlighter), StringComparison.Ordinal);
    }
}

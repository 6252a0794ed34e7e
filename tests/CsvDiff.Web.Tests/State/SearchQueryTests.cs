// The search grammar, case by case: which rows each query keeps.
using CsvDiff.Web.State;

namespace CsvDiff.Web.Tests.State;

public class SearchQueryTests
{
    private static readonly (string Column, string Text)[] Row = [("name", "Ann Lee"), ("city", "Rome"), ("city", "New York"), ("note", "paid in full")];

    [Theory]
    [InlineData("", true)]
    [InlineData("ann", true)]
    [InlineData("ANN", true)]
    [InlineData("bob", false)]
    [InlineData("ann rome", true)]
    [InlineData("ann oslo", false)]
    [InlineData("\"new york\"", true)]
    [InlineData("\"york new\"", false)]
    [InlineData("-oslo", true)]
    [InlineData("-rome", false)]
    [InlineData("city:rome", true)]
    [InlineData("name:rome", false)]
    [InlineData("city:\"new york\"", true)]
    [InlineData("-city:rome", false)]
    [InlineData("type:modified", true)]
    [InlineData("type:added", false)]
    [InlineData("type:mod ann", true)]
    [InlineData("bob OR ann", true)]
    [InlineData("bob OR oslo", false)]
    [InlineData("bob OR \"paid in\" city:rome", true)]
    [InlineData("OR", true)]
    public void Keeps_rows_that_match(string query, bool matches) =>
        Assert.Equal(matches, SearchQuery.Parse(query).Matches(RowChangeType.Modified, Row));

    [Fact]
    public void Groups_split_on_or_and_terms_keep_their_parts()
    {
        var query = SearchQuery.Parse("a -b col:\"x y\" OR \"c d\"");
        Assert.Equal(2, query.Groups.Count);
        Assert.Equal([new SearchQuery.Term(null, "a", false), new SearchQuery.Term(null, "b", true), new SearchQuery.Term("col", "x y", false)], query.Groups[0]);
        Assert.Equal([new SearchQuery.Term(null, "c d", false)], query.Groups[1]);
    }
}

// Diff results to test the viewer against, computed by the engine from small tables.
using System.Text;

namespace CsvDiff.Web.Tests;

internal static class Examples
{
    public static DiffResult Diff(string left, string right, DiffOptions? options = null) =>
        TableDiff.Compare(new TableInput("left.csv", Encoding.UTF8.GetBytes(left)), new TableInput("right.csv", Encoding.UTF8.GetBytes(right)),
            options ?? new DiffOptions { Key = ["id"], IncludeUnchanged = true });

    /// <summary>Every kind of row, a renamed and an added column, and values to search and sort.</summary>
    public static DiffResult Customers() => Diff(
        "id,name,city,amount,mail\n1,Ann,Rome,10,a@x\n2,Bob,Oslo,9,b@x\n3,Cy,Kyiv,100,c@x\n4,Dee,Lima,5,d@x\n",
        "id,name,city,amount,email,tier\n1,Ann,Rome,10,a@x,gold\n2,Bob,Bergen,9,b@x,\n4,Dee,Lima,7,d@x,\n5,Eve,Baku,1,e@x,new\n");
}

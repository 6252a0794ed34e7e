// Every input the fuzzer has crashed on (and a few awkward seeds) must end in a result or a located error.
using CsvDiff.Fuzzing;

namespace CsvDiff.Tests.Reading;

public class FuzzRegressionTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repository.PathOf("tests", "CsvDiff.Core.Tests", "Data", "fuzz-regressions")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_ends_in_a_result_or_a_located_error(string name) =>
        FuzzTarget.Run(File.ReadAllBytes(Repository.PathOf("tests", "CsvDiff.Core.Tests", "Data", "fuzz-regressions", name)));
}

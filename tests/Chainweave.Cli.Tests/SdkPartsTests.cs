using System.Text;
using Chainweave.Cli.Bench;
using Chainweave.Sdk;

namespace Chainweave.Cli.Tests;

public sealed class SdkPartsTests
{
    [Theory]
    [InlineData("NOT_FOUND: No block at height 9.", "NOT_FOUND", "No block at height 9.")]
    [InlineData("TX_BAD_SIGNATURE: The signature does not verify.", "TX_BAD_SIGNATURE", "The signature does not verify.")]
    public void Node_error_details_split_into_code_and_sentence(string detail, string code, string sentence)
    {
        Assert.True(RpcFailures.TrySplitCode(detail, out var actualCode, out var actualSentence));
        Assert.Equal((code, sentence), (actualCode, actualSentence));
    }

    [Theory]
    [InlineData("Error connecting to subchannel.")]
    [InlineData("Bad gRPC response: 503")]
    [InlineData(": nothing before")]
    public void Details_without_a_code_are_not_split(string detail)
    {
        Assert.False(RpcFailures.TrySplitCode(detail, out _, out var sentence));
        Assert.Equal(detail, sentence);
    }

    [Fact]
    public void Evidence_records_keep_embedded_metadata_json_as_text()
    {
        var json = """{"id":"demo-1","hash":"ab","meta":{"title":"x"},"txId":"ff","blockHeight":3,"timestamp":1700000000000,"org":"org1"}""";

        var record = EvidenceRecord.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(new EvidenceRecord("demo-1", "ab", """{"title":"x"}""", "ff", 3, 1_700_000_000_000, "org1"), record);
    }

    [Fact]
    public void Evidence_records_without_metadata_have_empty_meta()
    {
        var record = EvidenceRecord.Parse("""{"id":"a","hash":"ab","meta":null,"txId":"ff","blockHeight":1,"timestamp":5}"""u8);

        Assert.Equal("", record.Meta);
        Assert.Equal("", record.Org);
    }

    [Theory]
    [InlineData(0.50, 50)]
    [InlineData(0.99, 99)]
    [InlineData(1.00, 100)]
    public void Percentiles_use_the_nearest_rank(double fraction, double expected)
    {
        var sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToList();

        Assert.Equal(expected, BenchResult.Percentile(sorted, fraction));
    }

    [Fact]
    public void Percentile_of_nothing_is_zero()
    {
        Assert.Equal(0, BenchResult.Percentile([], 0.99));
    }
}

using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;

namespace Chainweave.Core.Tests.Genesis;

public sealed class LayoutFilesTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_missing_network_says_to_run_init_for_that_folder()
    {
        var error = Assert.Throws<ChainError>(() => NetworkManifest.Load(temp.Combine("nowhere")));

        Assert.Equal(ErrorCodes.NetworkMissing, error.Code);
        Assert.Contains("chainweave init --dir", error.Message, StringComparison.Ordinal);
        Assert.Contains("network.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_node_file_and_genesis_are_network_missing()
    {
        Assert.Equal(ErrorCodes.NetworkMissing, Assert.Throws<ChainError>(() => NodeConfig.Load(temp.Path)).Code);
        Assert.Equal(ErrorCodes.NetworkMissing, Assert.Throws<ChainError>(() => GenesisFile.Load(temp.Path)).Code);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{ "chainId": "chain1", "crypto": "nist" }""")]
    [InlineData("""{ "chainId": "chain1", "crypto": "nist", "consensus": "solo", "nodes": null, "identities": [] }""")]
    public void A_malformed_network_file_is_config_invalid_and_names_the_file(string json)
    {
        File.WriteAllText(temp.Combine("network.json"), json);

        var error = Assert.Throws<ChainError>(() => NetworkManifest.Load(temp.Path));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("network.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_files_round_trip_and_refuse_unknown_storage()
    {
        var config = new NodeConfig("node1", "org1", "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3", "data", NodeConfig.MemoryStorage);
        config.Save(temp.Combine("node.json"));
        var loaded = NodeConfig.Load(temp.Path);
        (config with { Storage = "leveldb" }).Save(temp.Combine("node.json"));

        var error = Assert.Throws<ChainError>(() => NodeConfig.Load(temp.Combine("node.json")));

        Assert.Equal(config, loaded);
        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("storage", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{ "chainId": "c", "unknownField": 1 }""")]
    [InlineData("""{ "chainId": "", "crypto": "nist", "consensus": "solo", "identityMode": "cert" }""")]
    [InlineData("""{ "chainId": "c", "crypto": "rsa", "consensus": "solo", "identityMode": "cert" }""")]
    [InlineData("""{ "chainId": "c", "crypto": "nist", "consensus": "solo", "identityMode": "cert" }""")]
    public void A_malformed_or_incomplete_genesis_is_config_invalid(string json)
    {
        File.WriteAllText(temp.Combine("genesis.json"), json);

        var error = Assert.Throws<ChainError>(() => GenesisFile.Load(temp.Combine("genesis.json")));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains("genesis.json", error.Message, StringComparison.Ordinal);
    }
}

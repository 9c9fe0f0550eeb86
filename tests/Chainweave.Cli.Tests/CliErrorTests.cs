using Chainweave.Core.Genesis;

namespace Chainweave.Cli.Tests;

public sealed class CliErrorTests
{
    [Fact]
    public async Task Unknown_network_folder_exits_1_with_NETWORK_MISSING_and_no_stack_trace()
    {
        using var dir = new TempDir();
        var missing = dir.Combine("no-such-network");

        var run = await CliRun.RunAsync("chain", "info", "--network", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error NETWORK_MISSING: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(missing, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Init_writes_a_four_organisation_tbft_network_by_default()
    {
        using var dir = new TempDir();
        var network = dir.Combine("net");

        var run = await CliRun.RunAsync("init", "--dir", network, "--base-port", "41000");

        Assert.True(run.ExitCode == 0, run.ToString());
        var manifest = NetworkManifest.Load(network);
        Assert.Equal("chain1", manifest.ChainId);
        Assert.Equal("nist", manifest.Crypto);
        Assert.Equal("tbft", manifest.Consensus);
        Assert.Equal(["node1", "node2", "node3", "node4"], manifest.Nodes.Select(n => n.Name));
        Assert.Equal(["org1", "org2", "org3", "org4"], manifest.Nodes.Select(n => n.Org));
        Assert.Equal("127.0.0.1:41000", manifest.Nodes[0].Grpc);
        Assert.Equal("127.0.0.1:41010", manifest.Nodes[1].Grpc);
        Assert.True(File.Exists(Path.Combine(network, "orgs", "org4", "users", "client1", "cert.pem")));
        Assert.True(File.Exists(Path.Combine(network, "nodes", "node4", "node.json")));
        Assert.Contains("node1", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_an_existing_network()
    {
        using var dir = new TempDir();
        var network = dir.Combine("net");
        var first = await CliRun.RunAsync("init", "--dir", network);
        Assert.Equal(0, first.ExitCode);
        var manifestBefore = await File.ReadAllTextAsync(Path.Combine(network, "network.json"));

        var second = await CliRun.RunAsync("init", "--dir", network, "--nodes", "1", "--consensus", "solo", "--crypto", "sm");

        Assert.Equal(1, second.ExitCode);
        Assert.StartsWith("error NETWORK_EXISTS: ", second.Error, StringComparison.Ordinal);
        Assert.Equal(manifestBefore, await File.ReadAllTextAsync(Path.Combine(network, "network.json")));
    }

    [Fact]
    public async Task Init_json_reports_the_nodes_it_created()
    {
        using var dir = new TempDir();

        var run = await CliRun.RunAsync("init", "--dir", dir.Combine("net"), "--json", "--crypto", "sm");

        Assert.Equal(0, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        Assert.Equal("sm", json.RootElement.GetProperty("crypto").GetString());
        Assert.Equal("node1", json.RootElement.GetProperty("nodes")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_node_that_is_not_running_is_reported_as_NODE_UNAVAILABLE_with_how_to_start_it()
    {
        using var dir = new TempDir();
        var network = dir.Combine("net");
        Assert.Equal(0, (await CliRun.RunAsync("init", "--dir", network, "--nodes", "1", "--orgs", "1", "--consensus", "solo", "--base-port", FreePorts.FindBase().ToString(System.Globalization.CultureInfo.InvariantCulture))).ExitCode);

        var run = await CliRun.RunAsync("evidence", "get", "--id", "x", "--network", network);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error NODE_UNAVAILABLE: cannot reach node node1 at ", run.Error, StringComparison.Ordinal);
        Assert.Contains("chainweave up", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-hex")]
    [InlineData("abc")]
    public async Task A_hash_that_is_not_hex_is_refused_before_anything_is_sent(string hash)
    {
        using var dir = new TempDir();

        var run = await CliRun.RunAsync("evidence", "put", "--id", "a", "--hash", hash, "--network", dir.Combine("none"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error ARGUMENT_INVALID: --hash ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_that_is_not_json_is_refused()
    {
        using var dir = new TempDir();

        var run = await CliRun.RunAsync("evidence", "put", "--id", "a", "--hash", "ab", "--meta", "{oops", "--network", dir.Combine("none"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error ARGUMENT_INVALID: --meta is not valid JSON", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_parse_error_with_exit_1()
    {
        var run = await CliRun.RunAsync("evidence", "get");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--id", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_node_name_lists_the_known_ones()
    {
        using var dir = new TempDir();
        var network = dir.Combine("net");
        Assert.Equal(0, (await CliRun.RunAsync("init", "--dir", network)).ExitCode);

        var run = await CliRun.RunAsync("chain", "info", "--network", network, "--node", "node9");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error ARGUMENT_INVALID: no node `node9`", run.Error, StringComparison.Ordinal);
        Assert.Contains("node1", run.Error, StringComparison.Ordinal);
    }
}

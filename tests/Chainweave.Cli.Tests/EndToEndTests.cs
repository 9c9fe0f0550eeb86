using System.Globalization;
using System.Text.Json;
using Chainweave.Api.Rpc;
using Chainweave.Core.Crypto;
using Chainweave.Core.Genesis;
using Chainweave.Node.Hosting;
using Chainweave.Sdk;

namespace Chainweave.Cli.Tests;

/// <summary>A real node (RocksDB, gRPC on loopback) started in process, driven through the CLI entry point.</summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private const string Hash = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private readonly TempDir _dir = new();
    private NodeHost? _node;

    private string Network => _dir.Combine("net");

    public async Task InitializeAsync()
    {
        var basePort = FreePorts.FindBase().ToString(CultureInfo.InvariantCulture);
        var init = await CliRun.RunAsync("init", "--dir", Network, "--nodes", "1", "--orgs", "1", "--consensus", "solo", "--base-port", basePort);
        Assert.True(init.ExitCode == 0, init.ToString());
        _node = await NodeHost.StartAsync(Path.Combine(Network, "nodes", "node1"));
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.StopAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task Evidence_put_with_wait_commits_and_get_reads_it_back_as_json()
    {
        var put = await CliRun.RunAsync("evidence", "put", "--id", "demo-1", "--hash", Hash, "--meta", """{"title":"demo"}""", "--wait", "--network", Network, "--json");
        Assert.True(put.ExitCode == 0, put.ToString());
        using var putJson = JsonDocument.Parse(put.Out);
        Assert.Equal("COMMITTED", putJson.RootElement.GetProperty("status").GetString());
        var txId = putJson.RootElement.GetProperty("txId").GetString()!;
        var height = putJson.RootElement.GetProperty("blockHeight").GetUInt64();
        Assert.True(height >= 1);

        var get = await CliRun.RunAsync("evidence", "get", "--id", "demo-1", "--network", Network, "--json");
        Assert.True(get.ExitCode == 0, get.ToString());
        using var getJson = JsonDocument.Parse(get.Out);
        Assert.Equal("demo-1", getJson.RootElement.GetProperty("id").GetString());
        Assert.Equal(Hash, getJson.RootElement.GetProperty("hash").GetString());
        Assert.Equal("demo", getJson.RootElement.GetProperty("meta").GetProperty("title").GetString());
        Assert.Equal(txId, getJson.RootElement.GetProperty("txId").GetString());

        var tx = await CliRun.RunAsync("tx", "get", txId, "--network", Network, "--json");
        Assert.True(tx.ExitCode == 0, tx.ToString());
        using var txJson = JsonDocument.Parse(tx.Out);
        Assert.Equal(txId, txJson.RootElement.GetProperty("txId").GetString());
        Assert.Equal("SUCCESS", txJson.RootElement.GetProperty("status").GetString());
        Assert.Equal(height, txJson.RootElement.GetProperty("blockHeight").GetUInt64());

        var block = await CliRun.RunAsync("block", "get", "latest", "--network", Network, "--json");
        Assert.True(block.ExitCode == 0, block.ToString());
        using var blockJson = JsonDocument.Parse(block.Out);
        Assert.True(blockJson.RootElement.GetProperty("height").GetUInt64() >= height);
    }

    [Fact]
    public async Task A_second_put_of_the_same_id_fails_with_EVIDENCE_EXISTS_and_exit_1()
    {
        var first = await CliRun.RunAsync("evidence", "put", "--id", "once", "--hash", Hash, "--wait", "--network", Network);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("committed in block", first.Out, StringComparison.Ordinal);

        var second = await CliRun.RunAsync("evidence", "put", "--id", "once", "--hash", Hash, "--wait", "--network", Network);

        Assert.Equal(1, second.ExitCode);
        Assert.StartsWith("error EVIDENCE_EXISTS: ", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chain_info_json_names_chain_height_consensus_and_crypto()
    {
        var run = await CliRun.RunAsync("chain", "info", "--network", Network, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("chain1", json.RootElement.GetProperty("chainId").GetString());
        Assert.Equal("solo", json.RootElement.GetProperty("consensus").GetString());
        Assert.Equal("nist", json.RootElement.GetProperty("crypto").GetString());
        Assert.True(json.RootElement.TryGetProperty("height", out _));
    }

    [Fact]
    public async Task When_the_chosen_node_is_down_the_next_one_answers()
    {
        var manifest = NetworkManifest.Load(Network);
        var live = manifest.Nodes[0];
        var dead = live with { Name = "node0", Grpc = $"127.0.0.1:{FreePorts.FindBase()}" };
        (manifest with { Nodes = [dead, live] }).Save(Path.Combine(Network, "network.json"));

        var run = await CliRun.RunAsync("chain", "info", "--network", Network, "--node", "node0");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("node0 is unreachable; using node1", run.Error, StringComparison.Ordinal);
        Assert.Contains("chain chain1", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_commits_every_transaction_and_reports_the_figures()
    {
        var run = await CliRun.RunAsync("bench", "--workload", "evidence", "--txs", "300", "--concurrency", "2", "--network", Network, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(300, root.GetProperty("committed").GetInt32());
        Assert.Equal(0, root.GetProperty("failed").GetInt32());
        Assert.True(root.GetProperty("txPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("p99Ms").GetDouble() >= root.GetProperty("p50Ms").GetDouble());
    }

    [Fact]
    public async Task The_sdk_subscription_delivers_the_commit_of_a_put()
    {
        var manifest = NetworkManifest.Load(Network);
        var suite = CryptoSuites.Get(manifest.Crypto);
        using var identity = ClientIdentity.Load(Path.Combine(Network, manifest.FindIdentity("client1.org1")!.Path), suite);
        using var client = new ChainClient(manifest.Nodes[0].Grpc, "node1");
        var evidence = new EvidenceClient(client, new TransactionBuilder(manifest.ChainId, identity));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var events = client.SubscribeAsync(new SubscribeRequest { TxResults = true }, timeout.Token).GetAsyncEnumerator(timeout.Token);
        var next = events.MoveNextAsync().AsTask();

        // The node registers the subscription asynchronously: keep committing puts until one is seen.
        var submitted = new HashSet<string>();
        for (var attempt = 0; attempt < 5 && !next.IsCompleted; attempt++)
        {
            var (tx, answer) = await evidence.PutAsync($"sub-{attempt}", Hash, null, wait: true, ct: timeout.Token);
            Assert.Equal(SubmitStatus.Committed, answer.Status);
            submitted.Add(tx.TxIdHex);
        }

        Assert.True(await next);
        Assert.Equal(ChainEvent.KindOneofCase.Tx, events.Current.KindCase);
        Assert.Contains(Convert.ToHexStringLower(events.Current.Tx.TxId.Span), submitted);

        var record = await evidence.GetAsync("sub-0", timeout.Token);
        Assert.Equal(Hash, record.Hash);
    }
}

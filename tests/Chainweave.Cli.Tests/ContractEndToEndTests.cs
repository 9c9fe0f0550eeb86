using System.Globalization;
using System.Text.Json;
using Chainweave.Cli.Contracts;
using Chainweave.Node.Hosting;

namespace Chainweave.Cli.Tests;

/// <summary>
/// The contract tour on a real one-node network of three organisations: install (endorsed by a second
/// organisation's admin to meet MAJORITY), invoke with --wait, query, and the event in `tx get`.
/// </summary>
public sealed class ContractEndToEndTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private NodeHost? _node;

    private string Network => _dir.Combine("net");

    public async Task InitializeAsync()
    {
        var basePort = FreePorts.FindBase().ToString(CultureInfo.InvariantCulture);
        var init = await CliRun.RunAsync("init", "--dir", Network, "--nodes", "1", "--orgs", "3", "--consensus", "solo", "--base-port", basePort);
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
    public async Task Install_invoke_query_and_the_event_shows_in_tx_get()
    {
        var wasm = Path.Combine(ContractSources.Locate(), "build", "kv.wasm");
        Assert.True(File.Exists(wasm), $"{wasm} is missing: run contracts/build.sh");

        var install = await CliRun.RunAsync("contract", "install", "kv", "--wasm", wasm, "--version", "1.0.0", "--network", Network, "--json");
        Assert.True(install.ExitCode == 0, install.ToString());
        using (var json = JsonDocument.Parse(install.Out))
        {
            Assert.Equal("COMMITTED", json.RootElement.GetProperty("status").GetString());
            Assert.Equal(["admin1.org1", "admin1.org2"], json.RootElement.GetProperty("signers").EnumerateArray().Select(e => e.GetString()));
        }

        var get = await CliRun.RunAsync("contract", "get", "kv", "--network", Network, "--json");
        Assert.True(get.ExitCode == 0, get.ToString());
        using (var json = JsonDocument.Parse(get.Out))
        {
            Assert.Equal("1.0.0", json.RootElement.GetProperty("version").GetString());
            Assert.Contains("put", json.RootElement.GetProperty("methods").EnumerateArray().Select(e => e.GetString()));
        }

        var invoke = await CliRun.RunAsync("contract", "invoke", "kv", "put", "--arg", "key=greeting", "--arg", "value=hello", "--wait", "--network", Network, "--json");
        Assert.True(invoke.ExitCode == 0, invoke.ToString());
        string txId;
        using (var json = JsonDocument.Parse(invoke.Out))
        {
            Assert.Equal("SUCCESS", json.RootElement.GetProperty("result").GetString());
            txId = json.RootElement.GetProperty("txId").GetString()!;
        }

        var query = await CliRun.RunAsync("contract", "query", "kv", "get", "--arg", "key=greeting", "--network", Network);
        Assert.True(query.ExitCode == 0, query.ToString());
        Assert.Equal("hello", query.Out.Trim());

        var tx = await CliRun.RunAsync("tx", "get", txId, "--network", Network, "--json");
        Assert.True(tx.ExitCode == 0, tx.ToString());
        using (var json = JsonDocument.Parse(tx.Out))
        {
            var ev = Assert.Single(json.RootElement.GetProperty("events").EnumerateArray());
            Assert.Equal("kv", ev.GetProperty("contract").GetString());
            Assert.Equal("kv.put", ev.GetProperty("topic").GetString());
            Assert.Equal("greeting", ev.GetProperty("data")[0].GetString());
        }

        var list = await CliRun.RunAsync("contract", "list", "--network", Network, "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("\"kv\"", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_without_endorsements_is_refused_by_the_majority_policy()
    {
        var wasm = Path.Combine(ContractSources.Locate(), "build", "kv.wasm");

        var install = await CliRun.RunAsync("contract", "install", "kv2", "--wasm", wasm, "--endorse", "none", "--network", Network);

        Assert.Equal(1, install.ExitCode);
        Assert.StartsWith("error ", install.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_bench_installs_the_sample_mints_and_commits_every_transfer()
    {
        var run = await CliRun.RunAsync("bench", "--workload", "token", "--txs", "100", "--accounts", "10", "--concurrency", "2", "--network", Network, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("token", root.GetProperty("workload").GetString());
        Assert.Equal(10, root.GetProperty("setup").GetProperty("committed").GetInt32());
        Assert.Equal(100, root.GetProperty("committed").GetInt32());
        Assert.Equal(0, root.GetProperty("failed").GetInt32());

        var installed = await CliRun.RunAsync("contract", "get", "token", "--network", Network, "--json");
        Assert.True(installed.ExitCode == 0, installed.ToString());
    }
}

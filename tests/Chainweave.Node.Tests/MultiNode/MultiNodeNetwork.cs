using Chainweave.Core.Crypto;
using Chainweave.Core.Genesis;
using Chainweave.Node.Hosting;
using Chainweave.Sdk;

namespace Chainweave.Node.Tests.MultiNode;

/// <summary>A freshly initialised network of several real nodes in this process, over loopback gRPC with mutual TLS.</summary>
public sealed class MultiNodeNetwork : IAsyncDisposable
{
    private readonly NodeHost?[] _nodes;

    private MultiNodeNetwork(string dir, InitializedNetwork network)
    {
        Dir = dir;
        Network = network;
        Suite = CryptoSuites.Get(network.Genesis.Crypto);
        _nodes = new NodeHost?[network.Manifest.Nodes.Count];
    }

    public string Dir { get; }

    public InitializedNetwork Network { get; }

    public ICryptoSuite Suite { get; }

    public int Count => _nodes.Length;

    public static async Task<MultiNodeNetwork> StartAsync(string consensus, int nodes = 4, string crypto = "nist")
    {
        var dir = Path.Combine(Path.GetTempPath(), "cw-multi-" + Guid.NewGuid().ToString("N")[..12]);
        var network = NetworkInitializer.Create(new InitOptions
        {
            Dir = dir,
            Orgs = nodes,
            Nodes = nodes,
            Consensus = consensus,
            Crypto = crypto,
            BasePort = FreePorts.FindBase(nodes),
            Now = DateTimeOffset.UtcNow,
        });
        var multi = new MultiNodeNetwork(dir, network);
        await Task.WhenAll(Enumerable.Range(0, nodes).Select(multi.StartNodeAsync));
        return multi;
    }

    public NodeHost? Node(int index) => _nodes[index];

    public string Home(int index) => Path.Combine(Dir, Network.Manifest.Nodes[index].Home);

    public async Task StartNodeAsync(int index)
    {
        var logs = new FileLogs(Path.Combine(Home(index), "node.log"));
        _nodes[index] = await NodeHost.StartAsync(Home(index), new NodeHostOptions { LoggerFactory = logs });
    }

    public async Task StopNodeAsync(int index)
    {
        if (_nodes[index] is { } node)
        {
            _nodes[index] = null;
            await node.StopAsync();
        }
    }

    public ChainClient Client(int index) => new(_nodes[index]!.GrpcAddress, Network.Manifest.Nodes[index].Name);

    public TransactionBuilder Builder(string user = "client1", string org = "org1") =>
        new(Network.Genesis.ChainId, ClientIdentity.Load(Path.Combine(Dir, "orgs", org, "users", user), Suite));

    /// <summary>Waits until every running node has committed at least this height.</summary>
    public async Task WaitForHeightAsync(ulong height, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        for (var i = 0; i < _nodes.Length; i++)
        {
            if (_nodes[i] is null)
            {
                continue;
            }

            using var client = Client(i);
            while ((await client.GetChainInfoAsync(deadline.Token)).Height < height)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, _nodes.Length).Select(StopNodeAsync));
        if (Environment.GetEnvironmentVariable("CHAINWEAVE_KEEP_TEST_DIRS") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

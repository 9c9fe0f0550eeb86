using Chainweave.Core.Crypto;
using Chainweave.Core.Genesis;
using Chainweave.Node.Hosting;
using Chainweave.Sdk;

namespace Chainweave.Node.Tests;

/// <summary>A freshly initialised one-node network in a temporary folder, with its node running over loopback.</summary>
public sealed class TestNetwork : IAsyncDisposable
{
    private TestNetwork(string dir, InitializedNetwork network, ICryptoSuite suite)
    {
        Dir = dir;
        Network = network;
        Suite = suite;
    }

    public string Dir { get; }

    public InitializedNetwork Network { get; }

    public ICryptoSuite Suite { get; }

    public NodeHost? Node { get; private set; }

    public string Home => Path.Combine(Dir, Network.Manifest.Nodes[0].Home);

    /// <param name="orgs">Organisations of the chain (each with admin1 and client1); the one node belongs to org1.</param>
    public static async Task<TestNetwork> StartAsync(string crypto = "nist", TimeProvider? clock = null, bool start = true, int orgs = 1)
    {
        var dir = Path.Combine(Path.GetTempPath(), "cw-test-" + Guid.NewGuid().ToString("N")[..12]);
        var network = NetworkInitializer.Create(new InitOptions { Dir = dir, Crypto = crypto, BasePort = FreePorts.FindBase(), Now = DateTimeOffset.UtcNow, Orgs = orgs, Nodes = 1 });
        var test = new TestNetwork(dir, network, CryptoSuites.Get(crypto));
        if (start)
        {
            await test.StartNodeAsync(clock).ConfigureAwait(false);
        }

        return test;
    }

    public async Task StartNodeAsync(TimeProvider? clock = null)
    {
        Node = await NodeHost.StartAsync(Home, new NodeHostOptions { Clock = clock }).ConfigureAwait(false);
    }

    public async Task StopNodeAsync()
    {
        if (Node is not null)
        {
            await Node.StopAsync().ConfigureAwait(false);
            Node = null;
        }
    }

    public ChainClient Client() => new(Node!.GrpcAddress, "node1");

    public ClientIdentity Identity(string user = "client1", string org = "org1") =>
        ClientIdentity.Load(Path.Combine(Dir, "orgs", org, "users", user), Suite);

    public TransactionBuilder Builder(ClientIdentity? identity = null, TimeProvider? clock = null) =>
        new(Network.Genesis.ChainId, identity ?? Identity(), clock);

    public async ValueTask DisposeAsync()
    {
        await StopNodeAsync().ConfigureAwait(false);
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

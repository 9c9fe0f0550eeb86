using Chainweave.Api.Rpc;
using Chainweave.Cli.Output;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Chainweave.Sdk;

namespace Chainweave.Cli.Commands;

/// <summary>
/// A client command's view of the network: network.json, the chain's crypto suite, and a connection to
/// the chosen node — or, when it is down, to the first other node that answers.
/// </summary>
internal sealed class ClientSession : IDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    private ClientSession(string networkDir, NetworkManifest network, ICryptoSuite suite, NodeEntry node, ChainClient client, ChainInfo info)
    {
        NetworkDir = networkDir;
        Network = network;
        Suite = suite;
        Node = node;
        Client = client;
        Info = info;
    }

    public string NetworkDir { get; }

    public NetworkManifest Network { get; }

    public ICryptoSuite Suite { get; }

    public NodeEntry Node { get; }

    public ChainClient Client { get; }

    /// <summary>The node's chain info, fetched while connecting.</summary>
    public ChainInfo Info { get; }

    /// <summary>network.json of a network folder, with a hint in client-command terms when it is missing.</summary>
    public static NetworkManifest LoadNetwork(string networkDir)
    {
        try
        {
            return NetworkManifest.Load(networkDir);
        }
        catch (ChainError e) when (e.Code == ErrorCodes.NetworkMissing)
        {
            var full = Path.GetFullPath(networkDir);
            throw new ChainError(ErrorCodes.NetworkMissing,
                $"no network at {full} (network.json not found): start one with `{Hints.Program} up`, or pass the folder of an existing one with --network DIR", e);
        }
    }

    public static async Task<ClientSession> ConnectAsync(ClientSettings settings, CliConsole console, CancellationToken ct)
    {
        var network = LoadNetwork(settings.Network);
        var suite = CryptoSuites.Get(network.Crypto);
        var candidates = CandidateNodes(network, settings.Node, settings.Network);
        ChainError? firstFailure = null;
        foreach (var node in candidates)
        {
            var client = new ChainClient(node.Grpc, node.Name);
            try
            {
                var info = await client.GetChainInfoAsync(ProbeTimeout, ct).ConfigureAwait(false);
                if (firstFailure is not null)
                {
                    await console.Error.WriteLineAsync($"note: {candidates[0].Name} is unreachable; using {node.Name} at {node.Grpc}").ConfigureAwait(false);
                }

                return new ClientSession(settings.Network, network, suite, node, client, info);
            }
            catch (ChainError e) when (e.Code == ErrorCodes.Unavailable)
            {
                client.Dispose();
                firstFailure ??= e;
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        if (candidates.Count > 1)
        {
            throw new ChainError(ErrorCodes.Unavailable,
                $"cannot reach any node of {Path.GetFullPath(settings.Network)} (tried {string.Join(", ", candidates.Select(n => $"{n.Name} at {n.Grpc}"))}): is the network running? start it with `{Hints.Program} up`");
        }

        throw firstFailure ?? new ChainError(ErrorCodes.ConfigInvalid, $"{Path.GetFullPath(settings.Network)}/network.json lists no nodes");
    }

    public ClientIdentity LoadIdentity(string name)
    {
        var entry = Network.FindIdentity(name) ?? throw new ChainError(CliErrorCodes.ArgumentInvalid,
            $"no identity `{name}` in {Path.GetFullPath(NetworkDir)}/network.json; known identities: {string.Join(", ", Network.Identities.Select(i => i.Name))}");
        return ClientIdentity.Load(Path.Combine(NetworkDir, entry.Path), Suite);
    }

    public TransactionBuilder NewBuilder(ClientIdentity identity) => new(Network.ChainId, identity);

    public void Dispose() => Client.Dispose();

    private static List<NodeEntry> CandidateNodes(NetworkManifest network, string? chosen, string networkDir)
    {
        var nodes = new List<NodeEntry>(network.Nodes.Count);
        if (chosen is not null)
        {
            var first = network.FindNode(chosen) ?? throw new ChainError(CliErrorCodes.ArgumentInvalid,
                $"no node `{chosen}` in {Path.GetFullPath(networkDir)}/network.json; its nodes are {string.Join(", ", network.Nodes.Select(n => n.Name))}");
            nodes.Add(first);
        }

        foreach (var node in network.Nodes)
        {
            if (!string.Equals(node.Name, chosen, StringComparison.Ordinal))
            {
                nodes.Add(node);
            }
        }

        return nodes;
    }
}

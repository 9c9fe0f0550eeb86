using System.Net;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Membership;
using DotNext.Net.Security;
using Microsoft.Extensions.Logging;

namespace Chainweave.Consensus.Raft;

/// <summary>
/// DotNext's TCP transport for one member of a fixed membership: every member starts with the
/// full list (no cold start, no joining), so any majority can elect a leader from the first run on.
/// </summary>
internal static class RaftTransport
{
    public static RaftCluster.TcpConfiguration Configure(
        IPEndPoint listen,
        IReadOnlyList<IPEndPoint> members,
        RaftOptions options,
        ILoggerFactory logs)
    {
        var configuration = new RaftCluster.TcpConfiguration(listen)
        {
            ColdStart = false,
            LowerElectionTimeout = options.LowerElectionTimeoutMs,
            UpperElectionTimeout = options.UpperElectionTimeoutMs,
            RequestTimeout = options.RequestTimeout ?? TimeSpan.FromMilliseconds(options.LowerElectionTimeoutMs),
            LoggerFactory = new LevelFilteredLoggerFactory(logs, options.ClusterLogLevel),

            // Null asks DotNext for its in-memory storage, filled below with the fixed membership.
            ConfigurationStorage = null,
            SslOptions = options.ServerTls is not null && options.ClientTls is not null
                ? new SslOptions { ServerOptions = options.ServerTls, ClientOptions = options.ClientTls }
                : null,
        };
        if (configuration.ConfigurationStorage is not InMemoryClusterConfigurationStorage<EndPoint> storage)
        {
            throw new InvalidOperationException("DotNext did not provide its in-memory membership storage; this DotNext version is not supported.");
        }

        AddMembers(storage, members);
        return configuration;
    }

    private static void AddMembers(InMemoryClusterConfigurationStorage<EndPoint> storage, IReadOnlyList<IPEndPoint> members)
    {
        var builder = storage.CreateInitialConfigurationBuilder();
        foreach (var member in members)
        {
            builder.Add(member);
        }

        builder.Build();
    }
}

using System.Net.Security;
using Microsoft.Extensions.Logging;

namespace Chainweave.Consensus.Raft;

/// <summary>
/// Tuning of the Raft engine. The defaults follow what was measured on DotNext.Net.Cluster 6.12
/// (see FINDINGS "DotNext.Net.Cluster 6.12 Raft"); tests shorten nothing but the chunk size.
/// </summary>
public sealed record RaftOptions
{
    /// <summary>Lower bound of the randomised election timeout, in milliseconds.</summary>
    public int LowerElectionTimeoutMs { get; init; } = 150;

    /// <summary>Upper bound of the randomised election timeout, in milliseconds.</summary>
    public int UpperElectionTimeoutMs { get; init; } = 300;

    /// <summary>How long one Raft request may take; null means the lower election timeout (DotNext's default).</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>
    /// Size of one log file. The 4 KB default of DotNext makes one memory-mapped file per 4 KB and
    /// costs leadership under load; 16–64 MB measured well. Cannot change for an existing log.
    /// </summary>
    public int LogChunkBytes { get; init; } = 32 << 20;

    /// <summary>
    /// Server side of mutual TLS for Raft traffic (certificate, client-certificate requirement and
    /// validation). Set together with <see cref="ClientTls"/>, or neither for plain TCP.
    /// </summary>
    public SslServerAuthenticationOptions? ServerTls { get; init; }

    /// <summary>Client side of mutual TLS for Raft traffic (client certificate, server validation).</summary>
    public SslClientAuthenticationOptions? ClientTls { get; init; }

    /// <summary>
    /// Minimum level of DotNext's own log messages. A member that is down makes the others log a
    /// warning with a stack trace several times a second, so only errors pass by default.
    /// </summary>
    public LogLevel ClusterLogLevel { get; init; } = LogLevel.Error;

    internal void Validate()
    {
        if (LowerElectionTimeoutMs <= 0 || UpperElectionTimeoutMs <= LowerElectionTimeoutMs)
        {
            throw new ArgumentException(
                $"The election timeout must be 0 < lower < upper; got {LowerElectionTimeoutMs}..{UpperElectionTimeoutMs} ms.");
        }

        if (LogChunkBytes <= 0)
        {
            throw new ArgumentException($"The Raft log chunk size must be positive; got {LogChunkBytes}.");
        }

        if ((ServerTls is null) != (ClientTls is null))
        {
            throw new ArgumentException("Raft TLS needs both the server and the client options (mutual TLS), or neither.");
        }
    }
}

using System.Runtime.CompilerServices;
using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Chainweave.Core.Errors;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Chainweave.Sdk;

/// <summary>
/// A connection to one node's gRPC API. Every RPC failure surfaces as a <see cref="ChainError"/>:
/// NODE_UNAVAILABLE when the node cannot be reached, the node's own code otherwise.
/// </summary>
public sealed class ChainClient : IDisposable
{
    private static readonly TimeSpan UnaryTimeout = TimeSpan.FromSeconds(30);

    // Beyond the node's own wait, leave room for the answer to travel back before the client gives up.
    private static readonly TimeSpan WaitSlack = TimeSpan.FromSeconds(10);

    private readonly GrpcChannel _channel;
    private readonly ChainService.ChainServiceClient _client;

    /// <param name="address">"host:port" or "http://host:port" of the node's gRPC listener.</param>
    /// <param name="nodeName">Used in error messages.</param>
    public ChainClient(string address, string nodeName = "node")
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        Address = NormalizeAddress(address);
        NodeName = nodeName;
        _channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            },
        });
        _client = new ChainService.ChainServiceClient(_channel);
    }

    public string Address { get; }

    public string NodeName { get; }

    public static string NormalizeAddress(string address)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        return address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
    }

    public async Task<SubmitResponse> SubmitAsync(SignedTransaction transaction, bool wait, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var request = NewSubmitRequest(transaction, wait, timeout);
        var deadline = DateTime.UtcNow + (wait ? timeout + WaitSlack : UnaryTimeout);
        try
        {
            return await _client.SubmitAsync(request, deadline: deadline, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Fail(e);
        }
    }

    /// <summary>Calls a contract read-only and returns its value; a contract refusal becomes a ChainError with the contract's code.</summary>
    public async Task<byte[]> QueryAsync(string contract, string method, IReadOnlyList<Arg> args, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(contract);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(args);
        var request = new QueryRequest { Contract = contract, Method = method };
        request.Args.AddRange(args);
        QueryResponse response;
        try
        {
            response = await _client.QueryAsync(request, deadline: DateTime.UtcNow + UnaryTimeout, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Fail(e);
        }

        if (!string.IsNullOrEmpty(response.Code))
        {
            throw new ChainError(response.Code, string.IsNullOrEmpty(response.Message) ? $"{contract}.{method} failed" : response.Message);
        }

        return response.Value.ToByteArray();
    }

    public async Task<ChainInfo> GetChainInfoAsync(CancellationToken ct = default) =>
        await GetChainInfoAsync(UnaryTimeout, ct).ConfigureAwait(false);

    /// <summary>Chain info with a caller-chosen deadline: a cheap way to learn whether the node answers.</summary>
    public async Task<ChainInfo> GetChainInfoAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        try
        {
            return await _client.GetChainInfoAsync(new ChainInfoRequest(), deadline: DateTime.UtcNow + timeout, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Fail(e);
        }
    }

    /// <summary>The block at a height, or the latest block when height is null.</summary>
    public Task<BlockInfo> GetBlockAsync(ulong? height, CancellationToken ct = default) =>
        GetBlockAsync(height is { } h ? new GetBlockRequest { Height = h } : new GetBlockRequest { Latest = true }, ct);

    public Task<BlockInfo> GetBlockByHashAsync(byte[] hash, CancellationToken ct = default) =>
        GetBlockAsync(new GetBlockRequest { Hash = ByteString.CopyFrom(hash) }, ct);

    public async Task<TxInfo> GetTxAsync(byte[] txId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(txId);
        try
        {
            return await _client.GetTxAsync(new GetTxRequest { TxId = ByteString.CopyFrom(txId) }, deadline: DateTime.UtcNow + UnaryTimeout, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Fail(e);
        }
    }

    /// <summary>Opens one bidirectional submit stream; answers arrive in any order, matched by tx id.</summary>
    public SubmitStream OpenSubmitStream(CancellationToken ct = default) =>
        new(_client.SubmitStream(cancellationToken: ct), this);

    /// <summary>Blocks, tx results and contract events as the node commits them, until cancelled.</summary>
    public async IAsyncEnumerable<ChainEvent> SubscribeAsync(SubscribeRequest request, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var call = _client.Subscribe(request, cancellationToken: ct);
        var stream = call.ResponseStream;
        while (true)
        {
            bool hasNext;
            try
            {
                hasNext = await stream.MoveNext(ct).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                throw Fail(e);
            }

            if (!hasNext)
            {
                yield break;
            }

            yield return stream.Current;
        }
    }

    public void Dispose() => _channel.Dispose();

    internal static SubmitRequest NewSubmitRequest(SignedTransaction transaction, bool wait, TimeSpan timeout) => new()
    {
        Envelope = UnsafeByteOperations.UnsafeWrap(transaction.Envelope),
        Wait = wait,
        TimeoutMs = wait ? (uint)Math.Clamp(timeout.TotalMilliseconds, 1, uint.MaxValue) : 0,
    };

    internal ChainError Fail(RpcException e) => RpcFailures.ToChainError(e, NodeName, Address);

    private async Task<BlockInfo> GetBlockAsync(GetBlockRequest request, CancellationToken ct)
    {
        try
        {
            return await _client.GetBlockAsync(request, deadline: DateTime.UtcNow + UnaryTimeout, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Fail(e);
        }
    }
}

using Chainweave.Api.Rpc;
using Grpc.Core;

namespace Chainweave.Sdk;

/// <summary>
/// One open SubmitStream call: many transactions out, answers back in any order (matched by tx id).
/// One writer at a time may call <see cref="WriteAsync"/>; one reader consumes <see cref="ReadAllAsync"/>.
/// </summary>
public sealed class SubmitStream : IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<SubmitRequest, SubmitResponse> _call;
    private static readonly WriteOptions BufferHint = new(WriteFlags.BufferHint);
    private readonly ChainClient _owner;

    internal SubmitStream(AsyncDuplexStreamingCall<SubmitRequest, SubmitResponse> call, ChainClient owner)
    {
        _call = call;
        _owner = owner;
    }

    /// <summary>
    /// Sends one transaction. With <paramref name="flush"/> false the message may wait in the buffer for
    /// the next flushed write, so a burst travels in a few packets instead of one per transaction.
    /// </summary>
    public async Task WriteAsync(SignedTransaction transaction, bool wait, TimeSpan timeout, CancellationToken ct = default, bool flush = true)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            _call.RequestStream.WriteOptions = flush ? null : BufferHint;
            await _call.RequestStream.WriteAsync(ChainClient.NewSubmitRequest(transaction, wait, timeout), ct).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw _owner.Fail(e);
        }
    }

    /// <summary>Tells the node no more transactions follow; answers for those in flight still arrive.</summary>
    public async Task CompleteAsync()
    {
        try
        {
            await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw _owner.Fail(e);
        }
    }

    public async IAsyncEnumerable<SubmitResponse> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var stream = _call.ResponseStream;
        while (true)
        {
            bool hasNext;
            try
            {
                hasNext = await stream.MoveNext(ct).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                throw _owner.Fail(e);
            }

            if (!hasNext)
            {
                yield break;
            }

            yield return stream.Current;
        }
    }

    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        return ValueTask.CompletedTask;
    }
}

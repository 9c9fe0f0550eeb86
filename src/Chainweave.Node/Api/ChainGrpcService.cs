using System.Threading.Channels;
using Chainweave.Api.Rpc;
using Chainweave.Core.Errors;
using Grpc.Core;

namespace Chainweave.Node.Api;

/// <summary>The gRPC encoding of <see cref="ChainApi"/>. User errors travel as status detail "CODE: sentence".</summary>
public sealed class ChainGrpcService : ChainService.ChainServiceBase
{
    private readonly ChainApi _api;

    public ChainGrpcService(ChainApi api)
    {
        _api = api;
    }

    public override Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return _api.SubmitAsync(request.Envelope.Memory, request.Wait, request.TimeoutMs, context.CancellationToken);
    }

    public override async Task SubmitStream(IAsyncStreamReader<SubmitRequest> requestStream, IServerStreamWriter<SubmitResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var token = context.CancellationToken;
        var answers = Channel.CreateUnbounded<SubmitResponse>(new UnboundedChannelOptions { SingleReader = true });
        var writer = WriteAllAsync(answers.Reader, responseStream, token);
        var pending = 0;
        var readerDone = false;
        try
        {
            while (await requestStream.MoveNext(token).ConfigureAwait(false))
            {
                var request = requestStream.Current;
                var task = _api.SubmitAsync(request.Envelope.Memory, request.Wait, request.TimeoutMs, token);
                if (task.IsCompleted)
                {
                    answers.Writer.TryWrite(await task.ConfigureAwait(false));
                    continue;
                }

                Interlocked.Increment(ref pending);
                _ = task.ContinueWith(
                    t =>
                    {
                        if (t.IsCompletedSuccessfully)
                        {
                            answers.Writer.TryWrite(t.Result);
                        }

                        if (Interlocked.Decrement(ref pending) == 0 && Volatile.Read(ref readerDone))
                        {
                            answers.Writer.TryComplete();
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
        finally
        {
            Volatile.Write(ref readerDone, true);
            if (Volatile.Read(ref pending) == 0)
            {
                answers.Writer.TryComplete();
            }
        }

        await writer.ConfigureAwait(false);
    }

    public override Task<QueryResponse> Query(QueryRequest request, ServerCallContext context) =>
        Task.FromResult(_api.Query(request));

    public override Task<ChainInfo> GetChainInfo(ChainInfoRequest request, ServerCallContext context) =>
        Task.FromResult(_api.GetChainInfo());

    public override Task<BlockInfo> GetBlock(GetBlockRequest request, ServerCallContext context) =>
        Task.FromResult(Guard(() => _api.GetBlock(request)));

    public override Task<TxInfo> GetTx(GetTxRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(Guard(() => _api.GetTx(request.TxId.Span)));
    }

    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<ChainEvent> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var token = context.CancellationToken;
        var blocks = _api.Hub.Subscribe(token);

        // Headers tell the client the subscription is in place: nothing committed after this is missed.
        await context.WriteResponseHeadersAsync([]).ConfigureAwait(false);
        var events = new List<ChainEvent>();
        try
        {
            await foreach (var block in blocks.ReadAllAsync(token).ConfigureAwait(false))
            {
                events.Clear();
                EventFeed.Append(block, request, _api, events);
                foreach (var ev in events)
                {
                    await responseStream.WriteAsync(ev, token).ConfigureAwait(false);
                }
            }
        }
        catch (Chainweave.Node.Chain.SubscriberTooSlowException e)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, e.Message));
        }
    }

    private static async Task WriteAllAsync(ChannelReader<SubmitResponse> answers, IServerStreamWriter<SubmitResponse> stream, CancellationToken token)
    {
        await foreach (var answer in answers.ReadAllAsync(token).ConfigureAwait(false))
        {
            await stream.WriteAsync(answer, token).ConfigureAwait(false);
        }
    }

    private static T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (ChainError e)
        {
            var code = e.Code == ErrorCodes.NotFound ? StatusCode.NotFound : StatusCode.InvalidArgument;
            throw new RpcException(new Status(code, $"{e.Code}: {e.Message}"));
        }
    }
}

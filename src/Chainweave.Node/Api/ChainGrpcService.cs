using System.Threading.Channels;
using Chainweave.Api.Rpc;
using Chainweave.Core.Errors;
using Grpc.Core;

namespace Chainweave.Node.Api;

/// <summary>The gRPC encoding of <see cref="ChainApi"/>. User errors travel as status detail "CODE: sentence".</summary>
public sealed class ChainGrpcService : ChainService.ChainServiceBase
{
    private static readonly WriteOptions BufferHint = new(WriteFlags.BufferHint);

    /// <summary>Requests of one stream admitted together at most: enough to fill the signature lanes several times over.</summary>
    private const int MaxRequestsPerBatch = 64;
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

        // A failed writer (client gone) must also stop the reading of requests.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var token = stop.Token;
        using var submission = new StreamSubmission(_api.Hub);
        var writer = WriteAllAsync(submission.Answers, responseStream, token);
        _ = writer.ContinueWith(static (_, state) => CancelQuietly((CancellationTokenSource)state!), stop, CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        try
        {
            // Requests already received are admitted together, so that their signatures are checked together;
            // the stream is never waited on to fill a batch.
            var batch = new List<SubmitRequest>(MaxRequestsPerBatch);
            var next = requestStream.MoveNext(token);
            while (await next.ConfigureAwait(false))
            {
                batch.Add(requestStream.Current);
                next = requestStream.MoveNext(token);
                while (batch.Count < MaxRequestsPerBatch && next.IsCompletedSuccessfully && next.Result)
                {
                    batch.Add(requestStream.Current);
                    next = requestStream.MoveNext(token);
                }

                SubmitBatch(batch, submission);
                batch.Clear();
            }
        }
        finally
        {
            submission.RequestsDone();
        }

        await writer.ConfigureAwait(false);
    }

    /// <summary>Admits a stream's requests together and answers each, or registers its wait.</summary>
    private void SubmitBatch(List<SubmitRequest> batch, StreamSubmission submission)
    {
        var count = batch.Count;
        var envelopes = new ReadOnlyMemory<byte>[count];
        var expects = new Action<byte[]>?[count];
        for (var i = 0; i < count; i++)
        {
            envelopes[i] = batch[i].Envelope.Memory;
            expects[i] = batch[i].Wait ? submission.Expect : null;
        }

        var answers = new SubmitResponse?[count];
        var txIds = new byte[count][];
        _api.SubmitMany(envelopes, expects, answers, txIds);
        for (var i = 0; i < count; i++)
        {
            if (answers[i] is { } answer)
            {
                submission.Answer(answer);
            }
            else
            {
                submission.WaitUntil(txIds[i], ChainApi.WaitTimeout(batch[i].TimeoutMs));
            }
        }
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

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call already ended.
        }
    }

    /// <summary>Writes answers as they come; a burst (a block's worth of commits) is flushed once, not per answer.</summary>
    private static async Task WriteAllAsync(ChannelReader<SubmitResponse> answers, IServerStreamWriter<SubmitResponse> stream, CancellationToken token)
    {
        while (await answers.WaitToReadAsync(token).ConfigureAwait(false))
        {
            while (answers.TryRead(out var answer))
            {
                stream.WriteOptions = answers.Count > 0 ? BufferHint : null;
                await stream.WriteAsync(answer, token).ConfigureAwait(false);
            }
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

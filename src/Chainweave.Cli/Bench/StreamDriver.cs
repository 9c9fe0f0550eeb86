using System.Diagnostics;
using Chainweave.Api.Rpc;
using Chainweave.Core.Errors;
using Chainweave.Sdk;

namespace Chainweave.Cli.Bench;

/// <summary>
/// Drives one SubmitStream over a contiguous slice of the pre-signed transactions: a writer that keeps a
/// window in flight (closed loop) or follows a fixed schedule (open loop), and a reader that records
/// each answer's time and outcome.
/// </summary>
internal sealed class StreamDriver
{
    // Beyond the node's own commit wait, how long to wait for answers before counting them as lost.
    private static readonly TimeSpan AnswerSlack = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly ChainClient _client;
    private readonly TxLedger _ledger;
    private readonly BenchSettings _settings;
    private readonly int _streamIndex;
    private readonly int _from;
    private readonly int _to;

    public StreamDriver(ChainClient client, TxLedger ledger, BenchSettings settings, int streamIndex, int from, int to)
    {
        _client = client;
        _ledger = ledger;
        _settings = settings;
        _streamIndex = streamIndex;
        _from = from;
        _to = to;
    }

    public async Task<StreamTally> RunAsync(long startTicks, CancellationToken ct)
    {
        var tally = new StreamTally();
        var expected = _to - _from;
        if (expected == 0)
        {
            return tally;
        }

        using var readerStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var writerStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var window = _settings.OpenLoop ? null : new SemaphoreSlim(_settings.Window, _settings.Window);
        await using var stream = _client.OpenSubmitStream(readerStop.Token);

        var reader = ReadAsync(stream, window, tally, expected, readerStop.Token);
        var writer = WriteAsync(stream, window, startTicks, writerStop.Token);

        // A reader that stops (stream broken, all answered) must free a writer blocked on the window.
        var first = await Task.WhenAny(reader, writer).ConfigureAwait(false);
        if (first == reader)
        {
            await writerStop.CancelAsync().ConfigureAwait(false);
        }
        else
        {
            readerStop.CancelAfter(_settings.CommitTimeout + AnswerSlack);
        }

        tally.StreamError ??= await Outcome(writer).ConfigureAwait(false);
        tally.StreamError ??= await Outcome(reader).ConfigureAwait(false);
        await CompleteQuietly(stream).ConfigureAwait(false);
        await DrainQuietly(stream).ConfigureAwait(false);
        return tally;
    }

    private async Task WriteAsync(SubmitStream stream, SemaphoreSlim? window, long startTicks, CancellationToken ct)
    {
        var ticksPerTx = _settings.Rate is { } rate ? Stopwatch.Frequency / rate : 0;
        var streams = _settings.Concurrency;
        for (var k = 0; k < _to - _from; k++)
        {
            if (window is not null)
            {
                await window.WaitAsync(ct).ConfigureAwait(false);
            }
            else
            {
                // Streams interleave on one global schedule: stream s sends the global slots s, s+C, s+2C, …
                var due = startTicks + (long)(((long)k * streams + _streamIndex) * ticksPerTx);
                await PaceAsync(due, ct).ConfigureAwait(false);
            }

            var index = _from + k;
            var now = Stopwatch.GetTimestamp();
            _ledger.MarkSubmitted(index, now);

            // Flush only when the next send would have to wait: a burst then shares packets.
            var last = k == _to - _from - 1;
            var nextWaits = window is not null
                ? window.CurrentCount == 0
                : startTicks + (long)(((long)(k + 1) * streams + _streamIndex) * ticksPerTx) > now;
            await stream.WriteAsync(_ledger.Transactions[index], wait: true, _settings.CommitTimeout, ct, flush: last || nextWaits).ConfigureAwait(false);
        }
    }

    private async Task ReadAsync(SubmitStream stream, SemaphoreSlim? window, StreamTally tally, int expected, CancellationToken ct)
    {
        var answered = 0;
        await foreach (var response in stream.ReadAllAsync(ct).ConfigureAwait(false))
        {
            var now = Stopwatch.GetTimestamp();
            if (!_ledger.RecordAnswer(response, now, out var index))
            {
                tally.Unmatched++;
            }
            else if (_ledger.Outcome(index) != TxOutcome.Committed)
            {
                tally.CountFailure(FailureCode(response));
            }

            window?.Release();
            if (++answered == expected)
            {
                return;
            }
        }
    }

    private static string FailureCode(SubmitResponse response)
    {
        if (!string.IsNullOrEmpty(response.Code))
        {
            return response.Code;
        }

        if (response.Result is { Code.Length: > 0 } result)
        {
            return result.Code;
        }

        return response.Status.ToString().ToUpperInvariant();
    }

    private static async Task PaceAsync(long dueTicks, CancellationToken ct)
    {
        var wait = dueTicks - Stopwatch.GetTimestamp();
        if (wait <= 0)
        {
            return;
        }

        // Timers tick in milliseconds: sleep whole milliseconds, then send everything that fell due.
        var milliseconds = wait * 1000 / Stopwatch.Frequency;
        if (milliseconds >= 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), ct).ConfigureAwait(false);
        }
    }

    private static async Task<string?> Outcome(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (ChainError e)
        {
            return $"{e.Code}: {e.Message}";
        }
    }

    // Waiting for the node to end the call lets it finish cleanly instead of seeing a reset stream.
    private static async Task DrainQuietly(SubmitStream stream)
    {
        using var timeout = new CancellationTokenSource(DrainTimeout);
        try
        {
            await foreach (var unused in stream.ReadAllAsync(timeout.Token).ConfigureAwait(false))
            {
                // Every expected answer was counted; anything more is not ours to count.
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChainError or InvalidOperationException)
        {
            // The call is over either way.
        }
    }

    private static async Task CompleteQuietly(SubmitStream stream)
    {
        try
        {
            await stream.CompleteAsync().ConfigureAwait(false);
        }
        catch (ChainError)
        {
            // The stream is already gone; every answer it will ever give has been counted.
        }
        catch (InvalidOperationException)
        {
            // Completing twice or after the call ended: nothing left to tell the node.
        }
    }
}

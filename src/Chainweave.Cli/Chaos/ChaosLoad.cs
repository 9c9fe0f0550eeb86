using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Chainweave.Api.Rpc;
using Chainweave.Core.Errors;
using Chainweave.Sdk;

namespace Chainweave.Cli.Chaos;

/// <summary>
/// Open-loop evidence load: one put every 1/rate seconds, whatever the network does, each sent to the next
/// node in turn and waiting for its commit. Every commit a node acknowledges is recorded with the height it reported.
/// </summary>
internal sealed class ChaosLoad
{
    // Beyond the commit wait, how long a submit to a frozen node may hang before it is given up.
    private static readonly TimeSpan AnswerSlack = TimeSpan.FromSeconds(10);

    private readonly TransactionBuilder _builder;
    private readonly IReadOnlyList<ChaosNode> _nodes;
    private readonly double _rate;
    private readonly TimeSpan _commitWait;
    private readonly string _runPrefix = "chaos-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private int _submitted;
    private int _pending;

    public ChaosLoad(TransactionBuilder builder, IReadOnlyList<ChaosNode> nodes, double rate, TimeSpan commitWait)
    {
        _builder = builder;
        _nodes = nodes;
        _rate = rate;
        _commitWait = commitWait;
    }

    /// <summary>Tx id (hex) → the height the node reported when it acknowledged the commit.</summary>
    public ConcurrentDictionary<string, ulong> Acknowledged { get; } = new(StringComparer.Ordinal);

    public int Submitted => Volatile.Read(ref _submitted);

    /// <summary>Submits not acknowledged as committed, by reason (a code, TIMEOUT, or UNANSWERED).</summary>
    public IReadOnlyDictionary<string, int> Failures => _failures;

    /// <summary>Submits until <paramref name="stop"/> fires, then waits for the answers still due.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var abandon = new CancellationTokenSource();
        var inFlight = new List<Task>();
        var ticksPerTx = Stopwatch.Frequency / _rate;
        var start = Stopwatch.GetTimestamp();
        long sent = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = (long)((Stopwatch.GetTimestamp() - start) / ticksPerTx) + 1;
            for (; sent < due; sent++)
            {
                var node = _nodes[(int)(sent % _nodes.Count)];
                var sequence = sent;
                inFlight.Add(Task.Run(() => SubmitOneAsync(node, sequence, abandon.Token), CancellationToken.None));
            }

            if (inFlight.Count > 4096)
            {
                inFlight.RemoveAll(static t => t.IsCompleted);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        abandon.CancelAfter(_commitWait + AnswerSlack);
        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    public int Pending => Volatile.Read(ref _pending);

    private async Task SubmitOneAsync(ChaosNode node, long sequence, CancellationToken abandon)
    {
        Interlocked.Increment(ref _submitted);
        Interlocked.Increment(ref _pending);
        try
        {
            var id = $"{_runPrefix}-{sequence}";
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
            var tx = EvidenceClient.BuildPut(_builder, id, hash, null);
            var response = await node.Client.SubmitAsync(tx, wait: true, _commitWait, abandon).ConfigureAwait(false);
            if (response.Status == SubmitStatus.Committed)
            {
                Acknowledged[tx.TxIdHex] = response.BlockHeight;
            }
            else
            {
                Fail(response.Status == SubmitStatus.Timeout ? "TIMEOUT" : string.IsNullOrEmpty(response.Code) ? response.Status.ToString() : response.Code);
            }
        }
        catch (ChainError e)
        {
            Fail(e.Code);
        }
        catch (OperationCanceledException)
        {
            Fail("UNANSWERED");
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    private void Fail(string reason) => _failures.AddOrUpdate(reason, 1, static (_, n) => n + 1);
}

using System.Buffers.Binary;
using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Chainweave.Sdk;

namespace Chainweave.Cli.Bench;

/// <summary>
/// Per-transaction bookkeeping of a bench run, in flat arrays indexed by the transaction's position so
/// the stream readers record outcomes without locks: each index is written by one reader only.
/// </summary>
internal sealed class TxLedger
{
    private readonly Dictionary<ulong, int> _indexByIdPrefix;
    private readonly long[] _submitTicks;
    private readonly long[] _answerTicks;
    private readonly int[] _outcomes;

    public TxLedger(SignedTransaction[] transactions)
    {
        Transactions = transactions;
        _indexByIdPrefix = new Dictionary<ulong, int>(transactions.Length);
        for (var i = 0; i < transactions.Length; i++)
        {
            if (!_indexByIdPrefix.TryAdd(Prefix(transactions[i].TxId), i))
            {
                throw new InvalidOperationException("two bench transactions share a tx id prefix; run the bench again");
            }
        }

        _submitTicks = new long[transactions.Length];
        _answerTicks = new long[transactions.Length];
        _outcomes = new int[transactions.Length];
    }

    public SignedTransaction[] Transactions { get; }

    public int Count => Transactions.Length;

    public void MarkSubmitted(int index, long ticks) => Volatile.Write(ref _submitTicks[index], ticks);

    /// <summary>Records an answer; returns false when it names no transaction of this run.</summary>
    public bool RecordAnswer(SubmitResponse response, long ticks, out int index)
    {
        index = -1;
        if (response.TxId.Length < sizeof(ulong) || !_indexByIdPrefix.TryGetValue(Prefix(response.TxId.Span), out index))
        {
            return false;
        }

        var committed = response.Status == SubmitStatus.Committed && (response.Result is null || response.Result.Status == TxStatus.Success);
        _answerTicks[index] = ticks;
        Volatile.Write(ref _outcomes[index], committed ? (int)TxOutcome.Committed : (int)TxOutcome.Failed);
        return true;
    }

    public TxOutcome Outcome(int index) => (TxOutcome)Volatile.Read(ref _outcomes[index]);

    public long SubmitTicks(int index) => Volatile.Read(ref _submitTicks[index]);

    public long AnswerTicks(int index) => _answerTicks[index];

    private static ulong Prefix(ReadOnlySpan<byte> txId) => BinaryPrimitives.ReadUInt64LittleEndian(txId);
}

internal enum TxOutcome
{
    Pending = 0,
    Committed = 1,
    Failed = 2,
}

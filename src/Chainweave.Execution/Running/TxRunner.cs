using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.State;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Execution.Running;

/// <summary>
/// Runs one transaction against a view of the block and reports its result and the writes it leaves;
/// a failed transaction keeps its gas and result but leaves no writes or events. Thread-safe: every
/// block run calls it from several workers at once.
/// </summary>
internal sealed class TxRunner(ContractRegistry registry, ICryptoSuite suite, ulong defaultGasLimit)
{
    private static readonly List<StateWrite> NoWrites = [];

    public TxOutcome Run(IBlockView view, BlockContext block, ExecutableTx tx)
    {
        var payload = tx.Payload;
        var result = new TxResult { TxId = ByteString.CopyFrom(tx.TxId) };
        var resolution = registry.Resolve(payload.Contract, view);
        var contract = resolution.Contract;
        if (contract is null)
        {
            // A frozen or revoked contract exists: calling it is the sender's error, not a malformed tx.
            var status = resolution.IsUnknown ? TxStatus.Invalid : TxStatus.ContractError;
            return Fail(result, status, resolution.Code, resolution.Message, GasSchedule.TxBase);
        }

        if (!contract.HasMethod(payload.Method))
        {
            return Fail(result, TxStatus.Invalid, ErrorCodes.UnknownMethod, $"Contract '{payload.Contract}' has no method '{payload.Method}'.", GasSchedule.TxBase);
        }

        var gasLimit = payload.GasLimit == 0 ? defaultGasLimit : Math.Min(payload.GasLimit, defaultGasLimit);
        var context = new TxContext(view, payload.Contract, tx.Sender, tx.TxId, block.Height, block.TimeMs, gasLimit, readOnly: false, registry, tx.Endorsers);
        context.ChargeGas(GasSchedule.TxBase);
        var response = contract.Invoke(context, payload.Method, payload.Args);
        if (context.OutOfGas)
        {
            return Fail(result, TxStatus.OutOfGas, "OUT_OF_GAS", $"The transaction needed more than its gas limit of {gasLimit}.", context.GasUsed);
        }

        if (!response.Ok)
        {
            return Fail(result, TxStatus.ContractError, response.Code, response.Message, context.GasUsed);
        }

        result.Status = TxStatus.Success;
        result.GasUsed = context.GasUsed;
        result.ReturnValue = ByteString.CopyFrom(response.Value);
        result.Events.AddRange(context.Events);
        result.RwsetHash = ByteString.CopyFrom(HashWrites(context.Writes));
        return new TxOutcome(result, context.Writes);
    }

    private static TxOutcome Fail(TxResult result, TxStatus status, string code, string message, ulong gasUsed)
    {
        result.Status = status;
        result.Code = code;
        result.Message = message;
        result.GasUsed = gasUsed;
        return new TxOutcome(result, NoWrites);
    }

    /// <summary>Hash of the write set, each field length-prefixed so no two sets encode alike.</summary>
    private byte[] HashWrites(List<StateWrite> writes)
    {
        var size = 0;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            size += 4 + Encoding.UTF8.GetByteCount(write.Contract) + 4 + write.Key.Length + 1 + (write.Value is null ? 0 : 4 + write.Value.Length);
        }

        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            var span = rented.AsSpan(0, size);
            var at = 0;
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                var contractLength = Encoding.UTF8.GetBytes(write.Contract, span[(at + 4)..]);
                BinaryPrimitives.WriteInt32BigEndian(span[at..], contractLength);
                at += 4 + contractLength;
                at = WriteField(span, at, write.Key);
                span[at++] = write.Value is null ? (byte)0 : (byte)1;
                if (write.Value is not null)
                {
                    at = WriteField(span, at, write.Value);
                }
            }

            return suite.Hash(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int WriteField(Span<byte> span, int at, ReadOnlySpan<byte> field)
    {
        BinaryPrimitives.WriteInt32BigEndian(span[at..], field.Length);
        field.CopyTo(span[(at + 4)..]);
        return at + 4 + field.Length;
    }
}

/// <summary>A transaction's result and the writes it leaves in the block (none when it failed).</summary>
internal readonly record struct TxOutcome(TxResult Result, IReadOnlyList<StateWrite> Writes);

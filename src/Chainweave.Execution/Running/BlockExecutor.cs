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
/// Runs a block's transactions in order against committed state. A failed transaction keeps its
/// gas and result but none of its writes or events. Sequential for now; the parallel scheduler
/// (issue 4) must produce byte-identical output.
/// </summary>
public sealed class BlockExecutor
{
    private readonly ContractRegistry _registry;
    private readonly ICryptoSuite _suite;
    private readonly ulong _defaultGasLimit;
    private readonly IStateScanner? _scanner;

    public BlockExecutor(ContractRegistry registry, ICryptoSuite suite, ulong defaultGasLimit)
        : this(registry, suite, defaultGasLimit, scanner: null)
    {
    }

    /// <summary>With <paramref name="scanner"/> for contracts' range reads when the committed reader cannot scan itself.</summary>
    public BlockExecutor(ContractRegistry registry, ICryptoSuite suite, ulong defaultGasLimit, IStateScanner? scanner)
    {
        _registry = registry;
        _suite = suite;
        _defaultGasLimit = defaultGasLimit;
        _scanner = scanner;
    }

    public ExecutionOutput Execute(IStateReader committed, BlockContext block, IReadOnlyList<ExecutableTx> txs)
    {
        ArgumentNullException.ThrowIfNull(txs);
        var state = new BlockState(committed, _scanner);
        var results = new TxResult[txs.Count];
        var buffer = new ArrayBufferWriter<byte>(256);
        for (var i = 0; i < txs.Count; i++)
        {
            results[i] = ExecuteOne(state, block, txs[i], buffer);
        }

        return new ExecutionOutput(results, state.Changes);
    }

    /// <summary>Runs a read-only method against committed state.</summary>
    public ContractResponse Query(IStateReader committed, BlockContext block, string contractName, string method, IReadOnlyList<Arg> args)
    {
        var resolution = _registry.Resolve(contractName, committed);
        var contract = resolution.Contract;
        if (contract is null)
        {
            return ContractResponse.Error(resolution.Code, resolution.Message);
        }

        if (!contract.HasMethod(method))
        {
            return ContractResponse.Error(ErrorCodes.UnknownMethod, $"Contract '{contractName}' has no method '{method}'.");
        }

        if (!contract.IsReadOnly(method))
        {
            return ContractResponse.Error(ErrorCodes.BadArgument, $"'{contractName}.{method}' changes state: send it as a transaction, not a query.");
        }

        var context = new TxContext(new BlockState(committed, _scanner), contractName, SenderInfo.None, ReadOnlyMemory<byte>.Empty, block.Height, block.TimeMs, _defaultGasLimit, readOnly: true, _registry);
        return contract.Invoke(context, method, args);
    }

    private TxResult ExecuteOne(BlockState state, BlockContext block, ExecutableTx tx, ArrayBufferWriter<byte> buffer)
    {
        var payload = tx.Payload;
        var result = new TxResult { TxId = ByteString.CopyFrom(tx.TxId) };
        var resolution = _registry.Resolve(payload.Contract, state);
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

        var gasLimit = payload.GasLimit == 0 ? _defaultGasLimit : Math.Min(payload.GasLimit, _defaultGasLimit);
        var context = new TxContext(state, payload.Contract, tx.Sender, tx.TxId, block.Height, block.TimeMs, gasLimit, readOnly: false, _registry, tx.Endorsers);
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

        state.Apply(context.Writes);
        result.Status = TxStatus.Success;
        result.GasUsed = context.GasUsed;
        result.ReturnValue = ByteString.CopyFrom(response.Value);
        result.Events.AddRange(context.Events);
        result.RwsetHash = ByteString.CopyFrom(HashWrites(context.Writes, buffer));
        return result;
    }

    private static TxResult Fail(TxResult result, TxStatus status, string code, string message, ulong gasUsed)
    {
        result.Status = status;
        result.Code = code;
        result.Message = message;
        result.GasUsed = gasUsed;
        return result;
    }

    /// <summary>Hash of the write set, each entry length-prefixed so no two sets encode alike.</summary>
    private byte[] HashWrites(List<StateWrite> writes, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            WriteField(buffer, Encoding.UTF8.GetBytes(write.Contract));
            WriteField(buffer, write.Key);
            var tag = buffer.GetSpan(1);
            tag[0] = write.Value is null ? (byte)0 : (byte)1;
            buffer.Advance(1);
            if (write.Value is not null)
            {
                WriteField(buffer, write.Value);
            }
        }

        return _suite.Hash(buffer.WrittenSpan);
    }

    private static void WriteField(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> field)
    {
        var span = buffer.GetSpan(4 + field.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, field.Length);
        field.CopyTo(span[4..]);
        buffer.Advance(4 + field.Length);
    }
}

using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.Scheduling;
using Chainweave.Execution.State;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Execution.Running;

/// <summary>
/// Runs a block's transactions against committed state, in parallel when given workers, with results
/// identical to running them one by one in block order (see <see cref="BlockScheduler"/>).
/// </summary>
public sealed class BlockExecutor
{
    private readonly ContractRegistry _registry;
    private readonly ulong _defaultGasLimit;
    private readonly IStateScanner? _scanner;
    private readonly BlockScheduler _scheduler;

    public BlockExecutor(ContractRegistry registry, ICryptoSuite suite, ulong defaultGasLimit)
        : this(registry, suite, defaultGasLimit, scanner: null, workers: null)
    {
    }

    /// <param name="scanner">For contracts' range reads when the committed reader cannot scan itself.</param>
    /// <param name="workers">Threads to run transactions on; null runs them in order on the caller's thread.</param>
    public BlockExecutor(ContractRegistry registry, ICryptoSuite suite, ulong defaultGasLimit, IStateScanner? scanner, ExecutionWorkers? workers = null)
    {
        _registry = registry;
        _defaultGasLimit = defaultGasLimit;
        _scanner = scanner;
        _scheduler = new BlockScheduler(new TxRunner(registry, suite, defaultGasLimit), workers, scanner);
    }

    /// <summary>A proposer's run: the results, the changes and the dependency graph to put in the block.</summary>
    public ExecutionOutput Execute(IStateReader committed, BlockContext block, IReadOnlyList<ExecutableTx> txs)
    {
        ArgumentNullException.ThrowIfNull(txs);
        return _scheduler.Execute(committed, block, txs);
    }

    /// <summary>
    /// A validator's run along the proposer's dependency graph. The output's graph is rebuilt from
    /// this run: a block is valid only if it equals <paramref name="dag"/>.
    /// </summary>
    public ExecutionOutput ExecuteAlongDag(IStateReader committed, BlockContext block, IReadOnlyList<ExecutableTx> txs, Dag dag)
    {
        ArgumentNullException.ThrowIfNull(txs);
        ArgumentNullException.ThrowIfNull(dag);
        return _scheduler.ExecuteAlongDag(committed, block, txs, dag);
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
}

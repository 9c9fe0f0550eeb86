using System.Globalization;
using System.Text;
using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.Running;
using Chainweave.Execution.Scheduling;
using Chainweave.Execution.SystemContracts;
using CsCheck;
using Google.Protobuf;

namespace Chainweave.Execution.Tests.Scheduling;

/// <summary>
/// Parallel execution must be invisible: a proposer's parallel run and a validator's run along its
/// dependency graph give the very bytes — results, gas, events, changes, graph — that running the
/// transactions one by one gives, and a graph that leaves out a dependency is always caught.
/// </summary>
public sealed class ParallelExecutionTests : IDisposable
{
    private const ulong GasLimit = 400_000;
    private static readonly BlockContext Block = new(7, 1_700_000_000_000);
    private readonly ExecutionWorkers _workers = new(4);
    private readonly ContractRegistry _registry = new([new AccountsContract(), new EvidenceContract()]);

    /// <summary>A block over a handful of accounts, so most transactions touch what others touch.</summary>
    private static readonly Gen<(string[] Committed, Op[] Ops)> Workloads =
        Gen.Select(
            Gen.Int[2, 6],
            Gen.Int[0, 5].Array[0, 4],
            Gen.Select(Gen.Int[0, 9], Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 150]).Array[8, 70])
        .Select((accounts, committed, ops) => (
            committed.Select(a => "a" + (a % accounts).ToString(CultureInfo.InvariantCulture)).ToArray(),
            ops.Select(o => new Op(o.Item1, "a" + (o.Item2 % accounts).ToString(CultureInfo.InvariantCulture), "a" + (o.Item3 % accounts).ToString(CultureInfo.InvariantCulture), o.Item4)).ToArray()));

    [Fact]
    public void ParallelRunsGiveTheSequentialBytes()
    {
        Workloads.Sample(w =>
        {
            var ledger = Committed(w.Committed);
            var txs = Txs(w.Ops);
            var sequential = new BlockExecutor(_registry, Suite, GasLimit).Execute(ledger, Block, txs);
            var parallel = Parallel().Execute(ledger, Block, txs);
            var alongDag = Parallel().ExecuteAlongDag(ledger, Block, txs, parallel.Dag);
            return Encode(parallel) == Encode(sequential) && Encode(alongDag) == Encode(sequential);
        }, iter: 150);
    }

    [Fact]
    public void AGraphMissingADependencyIsAlwaysRebuiltDifferently()
    {
        Workloads.Sample(w =>
        {
            var ledger = Committed(w.Committed);
            var txs = Txs(w.Ops);
            var honest = Parallel().Execute(ledger, Block, txs).Dag;
            var victim = LastWithDependency(honest);
            if (victim < 0)
            {
                return true;
            }

            var forged = honest.Clone();
            forged.Txs[victim].Deps_.RemoveAt(forged.Txs[victim].Deps_.Count - 1);
            var rebuilt = Parallel().ExecuteAlongDag(ledger, Block, txs, forged).Dag;
            return !rebuilt.Equals(forged);
        }, iter: 100);
    }

    [Fact]
    public void AGraphPointingForwardIsNotFollowedAndNotAccepted()
    {
        var ledger = Committed(["a0"]);
        var txs = Txs(Enumerable.Range(0, 12).Select(i => new Op(0, "a0", "a1", 1)).ToArray());
        var honest = Parallel().Execute(ledger, Block, txs);
        var forged = honest.Dag.Clone();
        forged.Txs[0].Deps_.Add(5);

        var rebuilt = Parallel().ExecuteAlongDag(ledger, Block, txs, forged);

        Assert.NotEqual(forged, rebuilt.Dag);
        Assert.Equal(Encode(honest), Encode(rebuilt));
    }

    [Fact]
    public void IndependentTransfersHaveNoDependenciesAndChainedOnesDependOnTheirPredecessor()
    {
        var ledger = Committed([]);
        var independent = Txs([new Op(0, "a0", "a1", 5), new Op(0, "a2", "a3", 5), new Op(0, "a4", "a5", 5)]);
        var chained = Txs([new Op(0, "a0", "a1", 5), new Op(0, "a1", "a2", 5), new Op(0, "a2", "a3", 5), new Op(5, "a0", "a0", 0)]);

        var free = Parallel().Execute(ledger, Block, independent).Dag;
        var chain = Parallel().Execute(ledger, Block, chained).Dag;

        Assert.All(free.Txs, deps => Assert.Empty(deps.Deps_));
        Assert.Equal([[], [0u], [1u], [0u, 1u, 2u]], chain.Txs.Select(d => d.Deps_.ToArray()));
    }

    [Fact]
    public async Task A_node_failure_inside_a_transaction_ends_the_run_with_that_failure_and_never_hangs()
    {
        var registry = new ContractRegistry([new AccountsContract(), new FailingContract()]);
        var executor = new BlockExecutor(registry, Suite, GasLimit, scanner: null, _workers);
        var ledger = Committed(["a0"]);
        var ops = Enumerable.Range(0, 24).Select(i => new Op(0, "a0", "a1", 1)).ToArray();
        var txs = Txs(ops);
        var dag = executor.Execute(ledger, Block, txs).Dag;
        txs[3] = new ExecutableTx(txs[3].TxId, new TxPayload { ChainId = "test-chain", Contract = FailingContract.ContractName, Method = "fail" }, txs[3].Sender);

        var proposer = Task.Run(() => executor.Execute(ledger, Block, txs));
        var validator = Task.Run(() => executor.ExecuteAlongDag(ledger, Block, txs, dag));

        await Assert.ThrowsAsync<InvalidOperationException>(() => proposer.WaitAsync(TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => validator.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    public void Dispose() => _workers.Dispose();

    private static ICryptoSuite Suite => CryptoSuites.Get("nist");

    private BlockExecutor Parallel() => new(_registry, Suite, GasLimit, scanner: null, _workers);

    private static MemoryLedger Committed(string[] accounts)
    {
        var ledger = new MemoryLedger();
        var writes = accounts.Distinct().Select(a => new Storage.Ledger.StateWrite(AccountsContract.ContractName, Encoding.UTF8.GetBytes("acct:" + a), BitConverter.GetBytes(50UL).Reverse().ToArray()));
        ledger.Commit(writes.ToList());
        return ledger;
    }

    private static ExecutableTx[] Txs(Op[] ops)
    {
        var txs = new ExecutableTx[ops.Length];
        for (var i = 0; i < ops.Length; i++)
        {
            var op = ops[i];
            var (method, args) = op.Kind switch
            {
                0 or 1 or 2 or 3 => ("transfer", new[] { op.From, op.To, op.Amount.ToString(CultureInfo.InvariantCulture) }),
                4 => ("relay", new[] { op.From, op.To, op.Amount.ToString(CultureInfo.InvariantCulture) }),
                5 => ("sum", Array.Empty<string>()),
                6 => ("burn", new[] { op.From, "1" }),
                7 => ("close", new[] { op.From }),
                8 => ("missing", Array.Empty<string>()),
                _ => ("put", new[] { op.From }),
            };
            var payload = new TxPayload
            {
                ChainId = "test-chain",
                Contract = op.Kind == 9 ? EvidenceContract.ContractName : AccountsContract.ContractName,
                Method = op.Kind == 9 ? "put" : method,
                GasLimit = GasLimit,
            };
            if (op.Kind == 9)
            {
                // Ids repeat across the block, so a later put of the same id fails with EVIDENCE_EXISTS.
                payload.Args.Add(new Arg { Key = "id", Value = ByteString.CopyFromUtf8(op.From) });
                payload.Args.Add(new Arg { Key = "hash", Value = ByteString.CopyFromUtf8("abcd") });
            }
            else
            {
                payload.Args.AddRange(args.Select((a, n) => new Arg { Key = n.ToString(CultureInfo.InvariantCulture), Value = ByteString.CopyFromUtf8(a) }));
            }

            txs[i] = new ExecutableTx(BitConverter.GetBytes(i), payload, new SenderInfo("org1", "client", Encoding.UTF8.GetBytes("client")));
        }

        return txs;
    }

    private static int LastWithDependency(Dag dag)
    {
        for (var i = dag.Txs.Count - 1; i >= 0; i--)
        {
            if (dag.Txs[i].Deps_.Count > 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Everything a block commits to, as one string: results, changes in order, and the graph.</summary>
    private static string Encode(ExecutionOutput output)
    {
        var text = new StringBuilder();
        foreach (var result in output.Results)
        {
            text.Append(Convert.ToHexString(result.ToByteArray())).Append('|');
        }

        foreach (var change in output.Changes)
        {
            text.Append(change.Contract).Append(':').Append(Convert.ToHexString(change.Key)).Append('=')
                .Append(change.Value is null ? "-" : Convert.ToHexString(change.Value)).Append(';');
        }

        return text.Append(Convert.ToHexString(output.Dag.ToByteArray())).ToString();
    }

    private readonly record struct Op(int Kind, string From, string To, int Amount);

    /// <summary>Stands for a node failure during execution (a broken engine, a storage error): it throws.</summary>
    private sealed class FailingContract : IContract
    {
        public const string ContractName = "FAILING";

        public string Name => ContractName;

        public bool HasMethod(string method) => true;

        public bool IsReadOnly(string method) => false;

        public ContractResponse Invoke(IContractContext context, string method, IReadOnlyList<Arg> args) =>
            throw new InvalidOperationException("the engine broke");
    }
}

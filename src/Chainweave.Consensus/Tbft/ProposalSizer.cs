namespace Chainweave.Consensus.Tbft;

/// <summary>
/// How many transactions this node puts in a block it proposes. A proposal must reach the validators
/// and be checked by them before their propose timeouts fire; a full block on a loaded machine can take
/// longer than that, and then every round of the height fails the same way (a livelock). So the
/// proposer takes only what fits in a third of the propose timeout at the per-transaction cost this
/// node measured building its own blocks and checking its peers' (the dearer of the two), and halves
/// that for each round already lost at the height. It is a proposer-local choice: validators accept
/// any block within the chain's limits, so nodes may size differently without any effect on safety.
/// </summary>
public sealed class ProposalSizer
{
    /// <summary>The fewest transactions a proposal is cut to, however slow this node measured itself.</summary>
    public const int DefaultFloor = 100;

    /// <summary>Weight of the newest block in the smoothed cost; the older ones fade by the rest each block.</summary>
    private const double Smoothing = 0.3;

    private const int BudgetShare = 3;

    private readonly int _cap;
    private readonly int _floor;
    private readonly double _budgetMs;
    private Smoothed _built;
    private Smoothed _checked;

    /// <param name="cap">The configured ceiling (TBFT's cap of the chain's block.max_txs).</param>
    /// <param name="proposeTimeout">The propose timeout of round 0; a third of it is the budget.</param>
    /// <param name="floor">The fewest transactions a block is cut to (the cap when that is smaller).</param>
    public ProposalSizer(int cap, TimeSpan proposeTimeout, int floor = DefaultFloor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cap);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(floor);
        _cap = cap;
        _floor = Math.Min(floor, cap);
        _budgetMs = proposeTimeout.TotalMilliseconds / BudgetShare;
    }

    /// <summary>
    /// The smoothed time per transaction of the dearer of building and checking a block on this node,
    /// or null before the first block of either.
    /// </summary>
    public double? CostPerTxMs => (_built.CostPerTxMs, _checked.CostPerTxMs) switch
    {
        ({ } built, { } check) => Math.Max(built, check),
        (var built, var check) => built ?? check,
    };

    /// <summary>
    /// Records how long building (<see cref="BlockWork.Built"/>) or checking (verifying and re-executing)
    /// a block of <paramref name="txCount"/> transactions took. Time and transactions are smoothed
    /// separately, so a large block weighs more than a small one whose fixed costs would overstate the
    /// cost per transaction.
    /// </summary>
    public void Observe(BlockWork work, int txCount, TimeSpan elapsed)
    {
        if (txCount <= 0 || elapsed < TimeSpan.Zero)
        {
            return;
        }

        if (work == BlockWork.Built)
        {
            _built.Add(txCount, elapsed.TotalMilliseconds);
        }
        else
        {
            _checked.Add(txCount, elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The most transactions to propose in <paramref name="round"/> of a height (the rounds before it were lost).</summary>
    public int Limit(int round)
    {
        double size = _cap;
        if (CostPerTxMs is { } cost && cost > 0)
        {
            size = Math.Min(size, _budgetMs / cost);
        }

        // Halving per lost round; past ~30 rounds it is at the floor anyway, and the shift must stay in range.
        size /= Math.Pow(2, Math.Clamp(round, 0, 62));
        return Math.Clamp((int)size, _floor, _cap);
    }

    private struct Smoothed
    {
        private double _elapsedMs;
        private double _txs;

        public readonly double? CostPerTxMs => _txs > 0 ? _elapsedMs / _txs : null;

        public void Add(int txs, double elapsedMs)
        {
            _elapsedMs = (_elapsedMs * (1 - Smoothing)) + elapsedMs;
            _txs = (_txs * (1 - Smoothing)) + txs;
        }
    }
}

using Chainweave.Consensus.Tbft;

namespace Chainweave.Consensus.Tests.Tbft;

/// <summary>The rules by which a proposer sizes its block: the measured cost, the lost rounds, the floor and the cap.</summary>
public sealed class ProposalSizerTests
{
    private static readonly TimeSpan ProposeTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public void Before_any_measurement_a_proposal_may_fill_the_cap()
    {
        var sizer = new ProposalSizer(4_000, ProposeTimeout);
        Assert.Null(sizer.CostPerTxMs);
        Assert.Equal(4_000, sizer.Limit(0));
    }

    [Fact]
    public void A_proposal_carries_what_fits_in_a_third_of_the_propose_timeout_at_the_measured_cost()
    {
        var sizer = new ProposalSizer(4_000, ProposeTimeout);
        sizer.Observe(BlockWork.Checked, 1_000, TimeSpan.FromMilliseconds(1_000));
        Assert.Equal(333, sizer.Limit(0));
    }

    [Fact]
    public void Each_round_lost_at_the_height_halves_the_size()
    {
        var sizer = new ProposalSizer(4_000, ProposeTimeout);
        sizer.Observe(BlockWork.Checked, 1_000, TimeSpan.FromMilliseconds(250));
        Assert.Equal(1_333, sizer.Limit(0));
        Assert.Equal(666, sizer.Limit(1));
        Assert.Equal(333, sizer.Limit(2));
        Assert.Equal(166, sizer.Limit(3));
    }

    [Fact]
    public void Lost_rounds_halve_the_cap_too_when_nothing_was_measured()
    {
        var sizer = new ProposalSizer(4_000, ProposeTimeout);
        Assert.Equal(2_000, sizer.Limit(1));
        Assert.Equal(1_000, sizer.Limit(2));
    }

    [Fact]
    public void The_size_never_drops_below_the_floor_however_slow_or_late()
    {
        var sizer = new ProposalSizer(4_000, ProposeTimeout, floor: 100);
        sizer.Observe(BlockWork.Checked, 10, TimeSpan.FromSeconds(30));
        Assert.Equal(100, sizer.Limit(0));
        Assert.Equal(100, sizer.Limit(5));
        Assert.Equal(100, sizer.Limit(int.MaxValue));
    }

    [Fact]
    public void The_size_never_exceeds_the_cap_however_fast_and_a_cap_below_the_floor_wins()
    {
        var fast = new ProposalSizer(4_000, ProposeTimeout);
        fast.Observe(BlockWork.Checked, 4_000, TimeSpan.FromMilliseconds(1));
        Assert.Equal(4_000, fast.Limit(0));

        var small = new ProposalSizer(10, ProposeTimeout, floor: 100);
        small.Observe(BlockWork.Checked, 10, TimeSpan.FromSeconds(30));
        Assert.Equal(10, small.Limit(0));
        Assert.Equal(10, small.Limit(3));
    }

    [Fact]
    public void A_block_checked_in_no_time_lifts_any_limit_but_the_cap()
    {
        var sizer = new ProposalSizer(4_000, ProposeTimeout);
        sizer.Observe(BlockWork.Checked, 500, TimeSpan.Zero);
        Assert.Equal(4_000, sizer.Limit(0));
    }

    [Fact]
    public void The_cost_is_smoothed_so_one_slow_block_moves_it_only_part_way()
    {
        var sizer = new ProposalSizer(4_000, ProposeTimeout);
        for (var i = 0; i < 20; i++)
        {
            sizer.Observe(BlockWork.Checked, 1_000, TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(0.1, sizer.CostPerTxMs!.Value, 3);
        sizer.Observe(BlockWork.Checked, 1_000, TimeSpan.FromMilliseconds(1_000));
        var cost = sizer.CostPerTxMs!.Value;
        Assert.InRange(cost, 0.2, 0.5);

        // Many quick blocks later the slow one has faded out.
        for (var i = 0; i < 30; i++)
        {
            sizer.Observe(BlockWork.Checked, 1_000, TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(0.1, sizer.CostPerTxMs!.Value, 2);
    }

    [Fact]
    public void Large_blocks_weigh_more_than_small_ones_whose_fixed_costs_overstate_the_cost_per_tx()
    {
        var sizer = new ProposalSizer(4_000, ProposeTimeout);
        sizer.Observe(BlockWork.Checked, 2_000, TimeSpan.FromMilliseconds(200));
        sizer.Observe(BlockWork.Checked, 1, TimeSpan.FromMilliseconds(5));

        // Per block the small one says 5 ms/tx; weighed by its one transaction it barely moves 0.1 ms/tx.
        Assert.InRange(sizer.CostPerTxMs!.Value, 0.1, 0.11);
    }

    [Fact]
    public void The_dearer_of_building_and_checking_a_block_sets_the_cost()
    {
        var sizer = new ProposalSizer(4_000, ProposeTimeout);
        sizer.Observe(BlockWork.Built, 1_000, TimeSpan.FromMilliseconds(500));
        Assert.Equal(666, sizer.Limit(0));

        sizer.Observe(BlockWork.Checked, 1_000, TimeSpan.FromMilliseconds(1_000));
        Assert.Equal(333, sizer.Limit(0));

        var cheapChecks = new ProposalSizer(4_000, ProposeTimeout);
        cheapChecks.Observe(BlockWork.Checked, 1_000, TimeSpan.FromMilliseconds(100));
        cheapChecks.Observe(BlockWork.Built, 1_000, TimeSpan.FromMilliseconds(1_000));
        Assert.Equal(1.0, cheapChecks.CostPerTxMs!.Value, 3);
    }

    [Fact]
    public void Empty_blocks_and_negative_times_are_not_measurements()
    {
        var sizer = new ProposalSizer(4_000, ProposeTimeout);
        sizer.Observe(BlockWork.Checked, 0, TimeSpan.FromSeconds(1));
        sizer.Observe(BlockWork.Checked, 100, TimeSpan.FromMilliseconds(-5));
        Assert.Null(sizer.CostPerTxMs);
    }
}

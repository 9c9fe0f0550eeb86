namespace Chainweave.Cli.Chaos;

/// <summary>The figures of one chaos run.</summary>
internal sealed record ChaosReport(
    ChaosSettings Settings,
    string? KeptDir,
    PerturbationTally Perturbations,
    int Submitted,
    int Acknowledged,
    IReadOnlyDictionary<string, int> Failures,
    ChainCheck Check,
    IReadOnlyList<DoubleSign> DoubleSigns,
    int VotesChecked,
    int WalRecords,
    TimeSpan LongestCommitGap,
    ulong LongestGapFromHeight,
    IReadOnlyList<string> Events)
{
    public int Lost => Check.Lost.Count;

    public int Misplaced => Check.Misplaced.Count;

    public int Duplicated => Check.Duplicated.Count;

    public int Forks => Check.ForkHeights.Count;

    public bool Passed => Lost == 0 && Misplaced == 0 && Duplicated == 0 && Forks == 0 && DoubleSigns.Count == 0;
}

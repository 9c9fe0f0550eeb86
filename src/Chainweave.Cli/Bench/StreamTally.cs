namespace Chainweave.Cli.Bench;

/// <summary>What one submit stream saw beyond the per-transaction outcomes: failure codes and stream errors.</summary>
internal sealed class StreamTally
{
    public Dictionary<string, int> FailureCodes { get; } = new(StringComparer.Ordinal);

    public int Unmatched { get; set; }

    public string? StreamError { get; set; }

    public void CountFailure(string code)
    {
        FailureCodes.TryGetValue(code, out var n);
        FailureCodes[code] = n + 1;
    }
}

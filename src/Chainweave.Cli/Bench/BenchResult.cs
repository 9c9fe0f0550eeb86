using System.Diagnostics;

namespace Chainweave.Cli.Bench;

/// <summary>The figures a bench run reports.</summary>
internal sealed record BenchResult
{
    public required int Txs { get; init; }

    public required int Committed { get; init; }

    public required int Failed { get; init; }

    /// <summary>Committed transactions per second, from the first submission to the last commit.</summary>
    public required double TxPerSecond { get; init; }

    public required double DurationSeconds { get; init; }

    public required double P50Ms { get; init; }

    public required double P99Ms { get; init; }

    public required double MeanMs { get; init; }

    public required double MaxMs { get; init; }

    public required double SignSeconds { get; init; }

    /// <summary>CPU time the bench process spent while submitting (signing excluded).</summary>
    public required double CpuSeconds { get; init; }

    public required IReadOnlyDictionary<string, int> FailureCodes { get; init; }

    public required IReadOnlyList<string> StreamErrors { get; init; }

    /// <summary>CPU while submitting as a share of one core.</summary>
    public double CpuPercentOfOneCore => DurationSeconds > 0 ? 100 * CpuSeconds / DurationSeconds : 0;

    public static BenchResult From(TxLedger ledger, IReadOnlyList<StreamTally> tallies, double signSeconds, double cpuSeconds)
    {
        var latencies = new List<double>(ledger.Count);
        var firstSubmit = long.MaxValue;
        var lastCommit = long.MinValue;
        var committed = 0;
        var pending = 0;
        for (var i = 0; i < ledger.Count; i++)
        {
            var submitted = ledger.SubmitTicks(i);
            if (submitted != 0 && submitted < firstSubmit)
            {
                firstSubmit = submitted;
            }

            switch (ledger.Outcome(i))
            {
                case TxOutcome.Committed:
                    committed++;
                    var answered = ledger.AnswerTicks(i);
                    lastCommit = Math.Max(lastCommit, answered);
                    latencies.Add((answered - submitted) * 1000.0 / Stopwatch.Frequency);
                    break;
                case TxOutcome.Pending:
                    pending++;
                    break;
                case TxOutcome.Failed:
                default:
                    break;
            }
        }

        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var streamErrors = new List<string>();
        foreach (var tally in tallies)
        {
            foreach (var (code, count) in tally.FailureCodes)
            {
                codes[code] = codes.GetValueOrDefault(code) + count;
            }

            if (tally.StreamError is { } error)
            {
                streamErrors.Add(error);
            }
        }

        if (pending > 0)
        {
            codes["NO_ANSWER"] = pending;
        }

        latencies.Sort();
        var duration = committed > 0 ? (lastCommit - firstSubmit) / (double)Stopwatch.Frequency : 0;
        return new BenchResult
        {
            Txs = ledger.Count,
            Committed = committed,
            Failed = ledger.Count - committed,
            TxPerSecond = duration > 0 ? committed / duration : 0,
            DurationSeconds = duration,
            P50Ms = Percentile(latencies, 0.50),
            P99Ms = Percentile(latencies, 0.99),
            MeanMs = latencies.Count > 0 ? latencies.Average() : 0,
            MaxMs = latencies.Count > 0 ? latencies[^1] : 0,
            SignSeconds = signSeconds,
            CpuSeconds = cpuSeconds,
            FailureCodes = codes,
            StreamErrors = streamErrors,
        };
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

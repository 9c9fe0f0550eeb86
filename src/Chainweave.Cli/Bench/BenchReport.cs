using Chainweave.Cli.Output;

namespace Chainweave.Cli.Bench;

internal static class BenchReport
{
    /// <param name="setup">A preparatory phase (e.g. the token workload's mints), reported briefly before the measured one.</param>
    public static void Write(CliConsole console, BenchResult r, BenchSettings settings, string nodeName, bool json, string workload = "evidence", BenchResult? setup = null)
    {
        if (json)
        {
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteString("workload", workload);
                w.WriteString("node", nodeName);
                w.WriteNumber("txs", r.Txs);
                w.WriteNumber("concurrency", settings.Concurrency);
                w.WriteString("mode", settings.OpenLoop ? "open" : "closed");
                if (settings.Rate is { } rate)
                {
                    w.WriteNumber("rate", rate);
                }
                else
                {
                    w.WriteNumber("window", settings.Window);
                }

                w.WriteNumber("committed", r.Committed);
                w.WriteNumber("failed", r.Failed);
                w.WriteNumber("txPerSecond", Math.Round(r.TxPerSecond, 1));
                w.WriteNumber("p50Ms", Math.Round(r.P50Ms, 2));
                w.WriteNumber("p99Ms", Math.Round(r.P99Ms, 2));
                w.WriteNumber("meanMs", Math.Round(r.MeanMs, 2));
                w.WriteNumber("maxMs", Math.Round(r.MaxMs, 2));
                w.WriteNumber("durationSeconds", Math.Round(r.DurationSeconds, 3));
                w.WriteNumber("signSeconds", Math.Round(r.SignSeconds, 3));
                w.WriteNumber("cpuSeconds", Math.Round(r.CpuSeconds, 3));
                w.WriteNumber("cpuPercentOfOneCore", Math.Round(r.CpuPercentOfOneCore, 1));
                w.WriteStartObject("failures");
                foreach (var (code, count) in r.FailureCodes)
                {
                    w.WriteNumber(code, count);
                }

                w.WriteEndObject();
                w.WriteStartArray("streamErrors");
                foreach (var error in r.StreamErrors)
                {
                    w.WriteStringValue(error);
                }

                w.WriteEndArray();
                if (setup is not null)
                {
                    w.WriteStartObject("setup");
                    w.WriteNumber("txs", setup.Txs);
                    w.WriteNumber("committed", setup.Committed);
                    w.WriteNumber("failed", setup.Failed);
                    w.WriteNumber("txPerSecond", Math.Round(setup.TxPerSecond, 1));
                    w.WriteNumber("p50Ms", Math.Round(setup.P50Ms, 2));
                    w.WriteEndObject();
                }
            });
            return;
        }

        var o = console.Out;
        if (setup is not null)
        {
            o.WriteLine($"setup     {setup.Committed:N0} of {setup.Txs:N0} committed at {Display.Number(setup.TxPerSecond)} tx/s (not part of the figures below)");
        }

        o.WriteLine($"signed    {r.Txs:N0} txs in {r.SignSeconds:F2} s ({Display.Number(r.SignSeconds > 0 ? r.Txs / r.SignSeconds : 0)}/s, all cores)");
        o.WriteLine($"committed {r.Committed:N0}, failed {r.Failed:N0} in {r.DurationSeconds:F2} s (first submit to last commit)");
        o.WriteLine($"rate      {Display.Number(r.TxPerSecond)} committed tx/s");
        o.WriteLine($"latency   submit→commit p50 {r.P50Ms:F1} ms, p99 {r.P99Ms:F1} ms, mean {r.MeanMs:F1} ms, max {r.MaxMs:F1} ms");
        o.WriteLine($"bench CPU {r.CpuSeconds:F2} s while submitting ({r.CpuPercentOfOneCore:F0}% of one core)");
        foreach (var (code, count) in r.FailureCodes)
        {
            o.WriteLine($"  failed with {code}: {count:N0}");
        }

        foreach (var error in r.StreamErrors)
        {
            o.WriteLine($"  stream error: {error}");
        }
    }
}

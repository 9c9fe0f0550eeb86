using System.Text.Json;
using Chainweave.Cli.Output;

namespace Chainweave.Cli.Chaos;

internal static class ChaosReportWriter
{
    private const int Samples = 10;

    public static void Write(TextWriter output, ChaosReport r, bool json)
    {
        if (json)
        {
            JsonOutput.Write(output, w => WriteJson(w, r));
            return;
        }

        var s = r.Settings;
        output.WriteLine($"chaos run: seed {s.Seed}, {s.Duration.TotalSeconds:0} s of load at {s.Rate:0.#} tx/s on 4 TBFT nodes");
        output.WriteLine($"perturbations survived {r.Perturbations.TotalSurvived}/{r.Perturbations.TotalApplied}");
        foreach (var kind in PerturbationTally.Kinds)
        {
            output.WriteLine($"  {PerturbationTally.JsonName(kind),-13} {r.Perturbations.SurvivedOf(kind)}/{r.Perturbations.AppliedOf(kind)}");
        }

        output.WriteLine($"txs submitted {r.Submitted:N0}, acknowledged {r.Acknowledged:N0}, not acknowledged {r.Submitted - r.Acknowledged:N0}");
        foreach (var (reason, count) in r.Failures.OrderByDescending(f => f.Value))
        {
            output.WriteLine($"  not acknowledged: {reason} {count:N0}");
        }

        output.WriteLine($"lost {r.Lost}, misplaced {r.Misplaced}, duplicated {r.Duplicated}, forks {r.Forks}, double-signs {r.DoubleSigns.Count}");
        output.WriteLine($"checked heights 0..{r.Check.ComparedUpTo} on every node ({string.Join(", ", r.Check.Heights.Select(h => $"{h.Key} at {(h.Value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")}"))}), "
            + $"{r.VotesChecked:N0} certificate/WAL votes, {r.WalRecords:N0} WAL records");
        output.WriteLine($"longest commit gap {r.LongestCommitGap.TotalSeconds:0.0} s (after height {r.LongestGapFromHeight})");
        foreach (var line in Details(r))
        {
            output.WriteLine($"  {line}");
        }

        if (r.KeptDir is not null)
        {
            output.WriteLine($"network and node logs kept in {r.KeptDir}");
        }

        if (r.Perturbations.TotalSurvived < r.Perturbations.TotalApplied)
        {
            // Liveness is reported, not judged: a slow machine can stall a network that is still safe.
            output.WriteLine($"warning: after {r.Perturbations.TotalApplied - r.Perturbations.TotalSurvived} perturbation(s) the network committed no block within a minute");
        }

        output.WriteLine(r.Passed ? "PASS (no lost, duplicated or forked commit, no double-sign)" : "FAIL");
    }

    private static void WriteJson(Utf8JsonWriter w, ChaosReport r)
    {
        w.WriteNumber("seed", r.Settings.Seed);
        w.WriteNumber("durationSeconds", r.Settings.Duration.TotalSeconds);
        w.WriteNumber("rate", r.Settings.Rate);
        w.WriteStartObject("perturbations");
        foreach (var kind in PerturbationTally.Kinds)
        {
            w.WriteStartObject(PerturbationTally.JsonName(kind));
            w.WriteNumber("applied", r.Perturbations.AppliedOf(kind));
            w.WriteNumber("survived", r.Perturbations.SurvivedOf(kind));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteNumber("submitted", r.Submitted);
        w.WriteNumber("acknowledged", r.Acknowledged);
        w.WriteStartObject("notAcknowledged");
        foreach (var (reason, count) in r.Failures)
        {
            w.WriteNumber(reason, count);
        }

        w.WriteEndObject();
        w.WriteNumber("lost", r.Lost);
        w.WriteNumber("misplaced", r.Misplaced);
        w.WriteNumber("duplicated", r.Duplicated);
        w.WriteNumber("forks", r.Forks);
        w.WriteNumber("doubleSigns", r.DoubleSigns.Count);
        w.WriteNumber("longestCommitGapSeconds", Math.Round(r.LongestCommitGap.TotalSeconds, 1));
        w.WriteNumber("comparedUpToHeight", r.Check.ComparedUpTo);
        w.WriteNumber("txsInBlocks", r.Check.TxsInBlocks);
        w.WriteNumber("votesChecked", r.VotesChecked);
        w.WriteNumber("walRecords", r.WalRecords);
        w.WriteStartObject("heights");
        foreach (var (name, height) in r.Check.Heights)
        {
            if (height is { } h)
            {
                w.WriteNumber(name, h);
            }
            else
            {
                w.WriteNull(name);
            }
        }

        w.WriteEndObject();
        w.WriteStartArray("details");
        foreach (var line in Details(r))
        {
            w.WriteStringValue(line);
        }

        w.WriteEndArray();
        w.WriteStartArray("events");
        foreach (var line in r.Events)
        {
            w.WriteStringValue(line);
        }

        w.WriteEndArray();
        if (r.KeptDir is null)
        {
            w.WriteNull("dir");
        }
        else
        {
            w.WriteString("dir", r.KeptDir);
        }

        w.WriteBoolean("passed", r.Passed);
    }

    private static IEnumerable<string> Details(ChaosReport r)
    {
        foreach (var height in r.Check.ForkHeights.Take(Samples))
        {
            yield return $"fork at height {height}";
        }

        foreach (var tx in r.Check.Lost.Take(Samples))
        {
            yield return $"lost tx {tx}";
        }

        foreach (var tx in r.Check.Misplaced.Take(Samples))
        {
            yield return $"misplaced tx {tx}";
        }

        foreach (var tx in r.Check.Duplicated.Take(Samples))
        {
            yield return $"duplicated tx {tx}";
        }

        foreach (var d in r.DoubleSigns.Take(Samples))
        {
            yield return $"double-sign by {d.Validator}: {d.Type} at height {d.Height} round {d.Round} for {string.Join(" and ", d.Hashes)}";
        }
    }
}

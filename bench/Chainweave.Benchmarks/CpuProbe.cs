using System.Diagnostics;
using System.Globalization;
using Chainweave.Benchmarks.Wasm;

namespace Chainweave.Benchmarks;

/// <summary>
/// `cpu OPERATION[,OPERATION…] COUNT`: runs each operation COUNT times after a warm-up and prints wall
/// time, process CPU time and allocation per operation. On a machine shared with other work, wall time
/// measures the neighbours too; CPU time per operation does so much less, and wall over CPU shows how
/// many cores an operation kept busy. Several operations run interleaved in rounds, so a neighbour's
/// load falls on all of them alike and their ratio stays meaningful.
/// </summary>
internal static class CpuProbe
{
    public const string Verb = "cpu";
    private const int Rounds = 10;

    public static int Run(string[] args)
    {
        if (args.Length != 3 || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            Console.Error.WriteLine("usage: cpu OPERATION[,OPERATION...] COUNT   (operations: transfer, block-sequential, block-parallel, block-along-dag, sm2-sign, sm2-sign-bc, sm2-verify, sm2-verify-batch, sm2-verify-bc, sm3-1k, sm3-1k-bc)");
            return 2;
        }

        var names = args[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var block = new Lazy<ParallelBlockBenchmarks>(() =>
        {
            var benchmarks = new ParallelBlockBenchmarks();
            benchmarks.Setup();
            return benchmarks;
        });
        var token = new Lazy<WasmTokenBenchmarks>(() =>
        {
            var benchmarks = new WasmTokenBenchmarks();
            benchmarks.Setup();
            return benchmarks;
        });
        var gm = new Lazy<GmBenchmarks>(() =>
        {
            var benchmarks = new GmBenchmarks();
            benchmarks.Setup();
            return benchmarks;
        });
        var operations = new Action[names.Length];

        // Items per call: a batch operation does several items per call, and every figure printed is per item.
        var itemsPerCall = new int[names.Length];
        for (var o = 0; o < names.Length; o++)
        {
            itemsPerCall[o] = names[o] == "sm2-verify-batch" ? GmBenchmarks.BatchSize : 1;
            Action? operation = names[o] switch
            {
                "transfer" => () => token.Value.Transfer(),
                "block-sequential" => () => block.Value.Sequential(),
                "block-parallel" => () => block.Value.Parallel(),
                "block-along-dag" => () => block.Value.ParallelAlongDag(),
                "sm2-sign" => () => gm.Value.Sm2Sign_Ours(),
                "sm2-sign-bc" => () => gm.Value.Sm2Sign_BouncyCastle(),
                "sm2-verify" => () => gm.Value.Sm2Verify_Ours(),
                "sm2-verify-batch" => () => gm.Value.Sm2VerifyBatch64_Ours(),
                "sm2-verify-bc" => () => gm.Value.Sm2Verify_BouncyCastle(),
                "sm3-1k" => () => gm.Value.Sm3_1KiB_Ours(),
                "sm3-1k-bc" => () => gm.Value.Sm3_1KiB_BouncyCastle(),
                _ => null,
            };
            if (operation is null)
            {
                Console.Error.WriteLine($"unknown operation '{names[o]}'");
                return 2;
            }

            operations[o] = operation;
        }

        var totals = Measure(operations, count);
        for (var o = 0; o < names.Length; o++)
        {
            var (wall, cpu, allocated) = totals[o];
            var items = (double)count * itemsPerCall[o];
            var unit = itemsPerCall[o] == 1 ? "op" : string.Create(CultureInfo.InvariantCulture, $"item ({itemsPerCall[o]} items per call)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{names[o]} x{count}: wall {wall.TotalMicroseconds / items:F1} us/{unit}, CPU {cpu.TotalMicroseconds / items:F1} us/{unit}, cores busy {cpu / wall:F2}, {allocated / items:N0} B/{unit} allocated, {Environment.ProcessorCount} cores"));
        }

        if (names.Length > 1)
        {
            var baseline = totals[0].Wall / itemsPerCall[0];
            for (var o = 1; o < names.Length; o++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{names[0]} / {names[o]} wall per item: {baseline / (totals[o].Wall / itemsPerCall[o]):F2}x"));
            }
        }

        if (token.IsValueCreated)
        {
            token.Value.Cleanup();
        }

        if (gm.IsValueCreated)
        {
            gm.Value.Cleanup();
        }

        if (block.IsValueCreated)
        {
            block.Value.Cleanup();
        }

        return 0;
    }

    private static (TimeSpan Wall, TimeSpan Cpu, long Allocated)[] Measure(Action[] operations, int count)
    {
        foreach (var operation in operations)
        {
            for (var i = 0; i < Math.Max(3, count / 10); i++)
            {
                operation();
            }
        }

        var totals = new (TimeSpan Wall, TimeSpan Cpu, long Allocated)[operations.Length];
        using var process = Process.GetCurrentProcess();
        for (var round = 0; round < Rounds; round++)
        {
            var perRound = (count / Rounds) + (round < count % Rounds ? 1 : 0);
            for (var o = 0; o < operations.Length; o++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var wall = Stopwatch.StartNew();
                for (var i = 0; i < perRound; i++)
                {
                    operations[o]();
                }

                wall.Stop();
                process.Refresh();
                var (w, c, a) = totals[o];
                totals[o] = (w + wall.Elapsed, c + process.TotalProcessorTime - cpuBefore, a + GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
            }
        }

        return totals;
    }
}

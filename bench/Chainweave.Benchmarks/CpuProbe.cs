using System.Diagnostics;
using System.Globalization;
using Chainweave.Benchmarks.Wasm;

namespace Chainweave.Benchmarks;

/// <summary>
/// `cpu OPERATION COUNT`: runs one operation COUNT times after a warm-up and prints wall time and
/// process CPU time per operation. On a machine shared with other work, wall time measures the
/// neighbours; CPU time per operation does not (much), and wall time over CPU time shows how many
/// cores an operation kept busy.
/// </summary>
internal static class CpuProbe
{
    public const string Verb = "cpu";

    public static int Run(string[] args)
    {
        if (args.Length != 3 || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            Console.Error.WriteLine("usage: cpu transfer|block-sequential|block-parallel|block-along-dag COUNT");
            return 2;
        }

        var (operation, cleanup) = Prepare(args[1]);
        if (operation is null)
        {
            Console.Error.WriteLine($"unknown operation '{args[1]}'");
            return 2;
        }

        for (var i = 0; i < Math.Max(3, count / 10); i++)
        {
            operation();
        }

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            operation();
        }

        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{args[1]} x{count}: wall {wall.Elapsed.TotalMicroseconds / count:F1} us/op, CPU {cpu.TotalMicroseconds / count:F1} us/op, cores busy {cpu / wall.Elapsed:F2}, {Environment.ProcessorCount} cores"));
        cleanup();
        return 0;
    }

    private static (Action? Operation, Action Cleanup) Prepare(string name)
    {
        if (name == "transfer")
        {
            var token = new WasmTokenBenchmarks();
            token.Setup();
            return (() => token.Transfer(), token.Cleanup);
        }

        var block = new ParallelBlockBenchmarks();
        Action? operation = name switch
        {
            "block-sequential" => () => block.Sequential(),
            "block-parallel" => () => block.Parallel(),
            "block-along-dag" => () => block.ParallelAlongDag(),
            _ => null,
        };
        if (operation is not null)
        {
            block.Setup();
        }

        return (operation, block.Cleanup);
    }
}

using BenchmarkDotNet.Running;

namespace Chainweave.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == CpuProbe.Verb)
        {
            return CpuProbe.Run(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Chainweave.Api.Ledger;
using Chainweave.Contracts.Wasm;
using Chainweave.Execution.Contracts;
using Google.Protobuf;

namespace Chainweave.Benchmarks.Wasm;

/// <summary>
/// One token transfer through the WebAssembly engine: a fresh Wasmtime store and instance per
/// call, two reads, two writes and an event through the host interface. Target: 60,000/s on one core.
/// </summary>
[MemoryDiagnoser]
public class WasmTokenBenchmarks
{
    private readonly Dictionary<byte[], byte[]> _state = new(ByteArrayEquality.Instance);
    private WasmEngine _engine = null!;
    private WasmContract _token = null!;
    private SenderInfo _alice = null!;
    private List<Arg> _transferArgs = [];

    [GlobalSetup]
    public void Setup()
    {
        _engine = new WasmEngine();
        _token = new WasmContract("TOKEN", File.ReadAllBytes(TokenWasmPath()), _engine);
        _alice = new SenderInfo("org1", "client", SHA256.HashData("alice"u8));
        var admin = new SenderInfo("org1", "admin", SHA256.HashData("admin"u8));
        var mint = _token.Invoke(new BenchHostContext(_state, admin, 1_000_000), "mint", Args(("to", _alice.CertHash), ("amount", Encoding.UTF8.GetBytes("1000000000000"))));
        if (!mint.Ok)
        {
            throw new InvalidOperationException($"mint failed: {mint.Code} {mint.Message}");
        }

        _transferArgs = Args(("to", SHA256.HashData("bob"u8)), ("amount", "1"u8.ToArray()));
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public bool Transfer() => _token.Invoke(new BenchHostContext(_state, _alice, 1_000_000), "transfer", _transferArgs).Ok;

    private static List<Arg> Args(params (string Key, byte[] Value)[] pairs) =>
        [.. pairs.Select(p => new Arg { Key = p.Key, Value = ByteString.CopyFrom(p.Value) })];

    /// <summary>contracts/build/token.wasm, built with contracts/build.sh if missing.</summary>
    internal static string TokenWasmPath([CallerFilePath] string source = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Chainweave.slnx")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Chainweave.slnx).");
        var wasm = Path.Combine(root, "contracts", "build", "token.wasm");
        if (!File.Exists(wasm))
        {
            using var build = Process.Start("bash", Path.Combine(root, "contracts", "build.sh"));
            build.WaitForExit();
        }

        return wasm;
    }

    private sealed class ByteArrayEquality : IEqualityComparer<byte[]>
    {
        public static ByteArrayEquality Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}

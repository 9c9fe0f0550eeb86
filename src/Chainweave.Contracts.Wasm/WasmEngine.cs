using System.Security.Cryptography;
using Chainweave.Core.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Wasmtime;

namespace Chainweave.Contracts.Wasm;

/// <summary>
/// One per node: a Wasmtime engine configured for deterministic metered execution (fuel on; SIMD,
/// relaxed SIMD, threads and multi-memory off; NaNs canonicalised), a pooling allocator capped at
/// <see cref="WasmEngineOptions.MaxMemoryBytes"/> per instance, the host interface linker, a
/// wall-clock epoch timer, and compiled modules cached by code hash.
/// </summary>
public sealed class WasmEngine : IDisposable
{
    private readonly PoolingAllocationConfig _pool;
    private readonly Timer _epochTimer;
    private readonly ModuleCache _cache;
    private bool _disposed;

    public WasmEngine(WasmEngineOptions? options = null, ILogger? logger = null)
    {
        Options = options ?? new WasmEngineOptions();
        Logger = logger ?? NullLogger.Instance;
        _pool = new PoolingAllocationConfig()
            .WithMaxMemorySize((nuint)Options.MaxMemoryBytes)
            .WithMaxCoreInstances(Options.PoolSize)
            .WithMaxMemories(Options.PoolSize)
            .WithMaxTables(Options.PoolSize)
            .WithMaxMemoriesPerModule(1)
            .WithMaxTablesPerModule(1)
            // Resetting a small resident region by memset is several times cheaper per call than
            // returning the pages to the kernel and faulting them in again.
            .WithLinearMemoryKeepResidentBytes((nuint)Options.KeepResidentBytes)
            .WithTableKeepResidentBytes((nuint)Options.KeepResidentBytes);
        using var config = new Config()
            .WithFuelConsumption(true)
            .WithEpochInterruption(true)
            .WithSIMD(false)
            .WithRelaxedSIMD(false, true)
            .WithWasmThreads(false)
            .WithMultiMemory(false)
            .WithMemory64(false)
            .WithCraneliftNaNCanonicalization(true)
            .WithMaximumStackSize(Options.MaxStackBytes)
            .WithPoolingAllocationStrategy(_pool);
        Engine = new Engine(config);
        Linker = new Linker(Engine);
        HostImports.DefineAll(Linker);
        _cache = new ModuleCache(Options.ModuleCacheSize);
        var tickMs = Math.Max(1, Options.EpochTick.TotalMilliseconds);
        EpochDeadlineTicks = (ulong)Math.Ceiling(Options.ExecutionTimeout.TotalMilliseconds / tickMs) + 1;
        _epochTimer = new Timer(static state => ((Engine)state!).IncrementEpoch(), Engine, Options.EpochTick, Options.EpochTick);
    }

    public WasmEngineOptions Options { get; }

    internal Engine Engine { get; }

    internal Linker Linker { get; }

    internal ILogger Logger { get; }

    /// <summary>Epoch ticks a call may run before it is interrupted.</summary>
    internal ulong EpochDeadlineTicks { get; }

    /// <summary>Compiled modules currently cached.</summary>
    public int CachedModules => _cache.Count;

    /// <summary>SHA-256 of the module bytes: the cache key and the code's identity.</summary>
    public static byte[] CodeHash(ReadOnlySpan<byte> module) => SHA256.HashData(module);

    /// <summary>Install-time check: compiles the module and refuses it with a typed error if unusable.</summary>
    public WasmValidationResult Validate(ReadOnlySpan<byte> module)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ModuleValidator.Compile(this, module, out var compiled) is { Ok: false } refused
            ? refused
            : Remember(CodeHash(module), compiled!);
    }

    /// <summary>The compiled module for this code, compiling and validating it on a cache miss; throws ChainError when invalid.</summary>
    internal CompiledModule Load(byte[] codeHash, ReadOnlySpan<byte> module) => Load(CacheKey(codeHash), module);

    /// <summary>The cache's key for a code hash; a caller that loads the same code on every call keeps it.</summary>
    internal static string CacheKey(byte[] codeHash) => Convert.ToHexString(codeHash);

    /// <inheritdoc cref="Load(byte[], ReadOnlySpan{byte})"/>
    internal CompiledModule Load(string key, ReadOnlySpan<byte> module)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var cached = _cache.Find(key);
        if (cached is not null)
        {
            return cached;
        }

        var result = ModuleValidator.Compile(this, module, out var compiled);
        if (!result.Ok)
        {
            throw new ChainError(result.Code, result.Message);
        }

        return _cache.Add(key, compiled!);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using (var stopped = new ManualResetEvent(false))
        {
            // Wait out a tick in flight so it never touches a disposed engine.
            if (_epochTimer.Dispose(stopped))
            {
                stopped.WaitOne();
            }
        }

        _cache.Clear();
        Linker.Dispose();
        Engine.Dispose();
        _pool.Dispose();
    }

    private WasmValidationResult Remember(byte[] codeHash, CompiledModule compiled)
    {
        _cache.Add(CacheKey(codeHash), compiled);
        return WasmValidationResult.Accepted(compiled.Methods);
    }
}

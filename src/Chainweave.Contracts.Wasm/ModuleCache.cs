using System.Collections.Concurrent;
using System.Diagnostics;

namespace Chainweave.Contracts.Wasm;

/// <summary>
/// Compiled modules by code hash, at most a given number, evicting the least recently used. A lookup
/// happens on every contract call from every executor thread, so it takes no lock and writes nothing
/// shared unless the entry's last use is more than a tick (100 ms) old: recency is kept that coarsely.
/// Adding (after a compile, rare) takes a lock and evicts by scanning.
/// </summary>
internal sealed class ModuleCache
{
    private static readonly long TicksPerStamp = Stopwatch.Frequency / 10;

    private readonly int _capacity;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ModuleCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count => _entries.Count;

    public CompiledModule? Find(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        entry.Touch(Now());
        return entry.Module;
    }

    public CompiledModule Add(string key, CompiledModule module)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                return existing.Module;
            }

            _entries[key] = new Entry(module, Now());
            if (_entries.Count > _capacity)
            {
                Evict(except: key);
            }

            return module;
        }
    }

    /// <summary>Disposes everything cached; only when no call can be running.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var entry in _entries.Values)
            {
                entry.Module.Module.Dispose();
            }

            _entries.Clear();
        }
    }

    private static long Now() => Stopwatch.GetTimestamp() / TicksPerStamp;

    /// <summary>Drops the least recently used entry without disposing it: a call may still be using the module, and its finaliser frees it once none does.</summary>
    private void Evict(string except)
    {
        string? oldest = null;
        var oldestUse = long.MaxValue;
        foreach (var (key, entry) in _entries)
        {
            if (!string.Equals(key, except, StringComparison.Ordinal) && entry.LastUse < oldestUse)
            {
                oldest = key;
                oldestUse = entry.LastUse;
            }
        }

        if (oldest is not null)
        {
            _entries.TryRemove(oldest, out _);
        }
    }

    private sealed class Entry(CompiledModule module, long lastUse)
    {
        private long _lastUse = lastUse;

        public CompiledModule Module { get; } = module;

        public long LastUse => Volatile.Read(ref _lastUse);

        public void Touch(long now)
        {
            if (Volatile.Read(ref _lastUse) != now)
            {
                Volatile.Write(ref _lastUse, now);
            }
        }
    }
}

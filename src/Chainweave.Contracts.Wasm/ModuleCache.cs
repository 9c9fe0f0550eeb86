namespace Chainweave.Contracts.Wasm;

/// <summary>
/// Least-recently-used compiled modules by code hash. Evicted modules are not disposed: a call may
/// still be using one, and the finaliser releases it once nothing does.
/// </summary>
internal sealed class ModuleCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Key, CompiledModule Module)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, CompiledModule Module)> _order = new();
    private readonly Lock _lock = new();

    public ModuleCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _index.Count;
            }
        }
    }

    public CompiledModule? Find(string key)
    {
        lock (_lock)
        {
            if (!_index.TryGetValue(key, out var node))
            {
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value.Module;
        }
    }

    public CompiledModule Add(string key, CompiledModule module)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(key, out var existing))
            {
                return existing.Value.Module;
            }

            _index.Add(key, _order.AddFirst((key, module)));
            if (_index.Count > _capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _index.Remove(last.Value.Key);
            }

            return module;
        }
    }

    /// <summary>Disposes everything cached; only when no call can be running.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var entry in _order)
            {
                entry.Module.Module.Dispose();
            }

            _order.Clear();
            _index.Clear();
        }
    }
}

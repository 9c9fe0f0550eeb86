using System.Collections.Concurrent;

namespace Chainweave.Network;

/// <summary>Peers refused for a while after misbehaving (malformed or invalid messages, bad blocks, lies about height).</summary>
public sealed class BanList(TimeProvider clock, TimeSpan duration)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public void Ban(string nodeIdHex) => _until[nodeIdHex] = clock.GetUtcNow() + duration;

    public bool IsBanned(string nodeIdHex)
    {
        if (!_until.TryGetValue(nodeIdHex, out var until))
        {
            return false;
        }

        if (clock.GetUtcNow() < until)
        {
            return true;
        }

        _until.TryRemove(nodeIdHex, out _);
        return false;
    }
}

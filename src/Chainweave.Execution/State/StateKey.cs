namespace Chainweave.Execution.State;

/// <summary>A (contract, key) pair usable as a dictionary key; the hash is computed once.</summary>
public readonly struct StateKey : IEquatable<StateKey>
{
    private readonly int _hash;

    public StateKey(string contract, byte[] key)
    {
        Contract = contract;
        Key = key;
        var hash = new HashCode();
        hash.Add(contract, StringComparer.Ordinal);
        hash.AddBytes(key);
        _hash = hash.ToHashCode();
    }

    public string Contract { get; }

    public byte[] Key { get; }

    public bool Equals(StateKey other) =>
        _hash == other._hash
        && string.Equals(Contract, other.Contract, StringComparison.Ordinal)
        && Key.AsSpan().SequenceEqual(other.Key);

    public override bool Equals(object? obj) => obj is StateKey other && Equals(other);

    public override int GetHashCode() => _hash;

    public static bool operator ==(StateKey left, StateKey right) => left.Equals(right);

    public static bool operator !=(StateKey left, StateKey right) => !left.Equals(right);
}

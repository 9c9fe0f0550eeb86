namespace Chainweave.Core.Crypto.Gm;

/// <summary>An integer modulo SM2's group order n, kept in Montgomery form.</summary>
internal readonly struct Scalar(U256 montgomery) : IEquatable<Scalar>
{
    public static readonly MontgomeryModulus Order =
        new(U256.FromHex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123"));

    public readonly U256 Montgomery = montgomery;

    public static Scalar Zero => default;

    public static Scalar One => new(Order.One);

    public bool IsZero => Montgomery.IsZero;

    /// <summary>Converts a value that must be below n.</summary>
    public static Scalar FromInteger(in U256 value) => new(Order.ToMontgomery(value));

    /// <summary>Any value below 2n (a hash, or a field element's integer) reduced modulo n.</summary>
    public static Scalar FromBelowTwiceOrder(in U256 value) => FromInteger(Order.ReduceOnce(value));

    public U256 ToInteger() => Order.FromMontgomery(Montgomery);

    public void Write(Span<byte> destination) => ToInteger().WriteBigEndian(destination);

    public static Scalar operator +(Scalar a, Scalar b) => new(Order.Add(a.Montgomery, b.Montgomery));

    public static Scalar operator -(Scalar a, Scalar b) => new(Order.Subtract(a.Montgomery, b.Montgomery));

    public static Scalar operator *(Scalar a, Scalar b) => new(Order.Multiply(a.Montgomery, b.Montgomery));

    /// <summary>Fermat inversion; constant time; zero maps to zero.</summary>
    public Scalar Invert() => new(Order.Invert(Montgomery));

    public bool Equals(Scalar other) => Montgomery.Equals(other.Montgomery);

    public override bool Equals(object? obj) => obj is Scalar other && Equals(other);

    public override int GetHashCode() => Montgomery.GetHashCode();

    public static bool operator ==(Scalar left, Scalar right) => left.Equals(right);

    public static bool operator !=(Scalar left, Scalar right) => !left.Equals(right);

    public override string ToString() => ToInteger().ToString();
}

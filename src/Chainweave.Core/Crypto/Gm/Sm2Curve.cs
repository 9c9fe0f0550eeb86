namespace Chainweave.Core.Crypto.Gm;

/// <summary>The SM2 recommended curve parameters (GM/T 0003.5-2012), a = -3.</summary>
internal static class Sm2Curve
{
    public static readonly FieldElement A =
        FieldElement.FromInteger(U256.FromHex("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC"));

    public static readonly FieldElement B =
        FieldElement.FromInteger(U256.FromHex("28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93"));

    public static readonly FieldElement Three = FieldElement.FromInteger(new U256(3, 0, 0, 0));

    public static readonly AffinePoint G = new(
        FieldElement.FromInteger(U256.FromHex("32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7")),
        FieldElement.FromInteger(U256.FromHex("BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0")));

    public static U256 P => FieldElement.Field.Modulus;

    public static U256 N => Scalar.Order.Modulus;
}

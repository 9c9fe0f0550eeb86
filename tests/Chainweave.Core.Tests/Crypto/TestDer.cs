using System.Formats.Asn1;
using System.Numerics;

namespace Chainweave.Core.Tests.Crypto;

/// <summary>Signature DER built and read with System.Formats.Asn1, independently of the code under test.</summary>
internal static class TestDer
{
    public static byte[] Signature(BigInteger r, BigInteger s)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.PushSequence();
        writer.WriteInteger(r);
        writer.WriteInteger(s);
        writer.PopSequence();
        return writer.Encode();
    }

    public static byte[] Signature(string rHex, string sHex) => Signature(Unsigned(rHex), Unsigned(sHex));

    public static (BigInteger R, BigInteger S) Read(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        var r = sequence.ReadInteger();
        var s = sequence.ReadInteger();
        sequence.ThrowIfNotEmpty();
        reader.ThrowIfNotEmpty();
        return (r, s);
    }

    public static BigInteger Unsigned(string hex) => new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);

    public static BigInteger P256Order { get; } = Unsigned("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    public static BigInteger Sm2Order { get; } = Unsigned("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123");

    public static BigInteger Order(string suite) => suite == "nist" ? P256Order : Sm2Order;
}

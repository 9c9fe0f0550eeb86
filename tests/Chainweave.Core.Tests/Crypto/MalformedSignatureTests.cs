using System.Numerics;
using System.Text;
using Chainweave.Core.Crypto;

namespace Chainweave.Core.Tests.Crypto;

public class MalformedSignatureTests
{
    private static readonly byte[] Data = Encoding.ASCII.GetBytes("payload");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var suite in new[] { "nist", "sm" })
        {
            foreach (var shape in new[]
            {
                "empty", "garbage", "trailing byte", "padded r", "long-form length", "set tag", "length too long",
                "negative r", "zero r", "zero s", "s equal to n", "r above n", "three integers", "one integer",
            })
            {
                data.Add(suite, shape);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Non_canonical_or_out_of_range_signature_is_malformed(string name, string shape)
    {
        using var signer = Suites.Get(name).GenerateKey();
        var valid = signer.Sign(Data);

        var signature = Build(shape, valid, TestDer.Order(name));

        Assert.Equal(SignatureCheck.Malformed, signer.PublicKey.Verify(Data, signature));
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Random_bytes_never_throw(string name)
    {
        using var signer = Suites.Get(name).GenerateKey();
        var random = new Random(7);

        for (int i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            if (bytes.Length > 1)
            {
                bytes[0] = 0x30;
                bytes[1] = (byte)(bytes.Length - 2);
            }

            Assert.NotEqual(SignatureCheck.Valid, signer.PublicKey.Verify(Data, bytes));
        }
    }

    private static byte[] Build(string shape, byte[] valid, BigInteger order)
    {
        var (r, s) = TestDer.Read(valid);
        return shape switch
        {
            "empty" => [],
            "garbage" => Encoding.ASCII.GetBytes("not a signature"),
            "trailing byte" => [.. valid, 0x00],
            "padded r" => Sequence([.. Integer(r.ToByteArray(isUnsigned: false, isBigEndian: true), extraZero: true), .. IntegerOf(s)]),
            "long-form length" => [0x30, 0x81, (byte)(valid.Length - 2), .. valid.AsSpan(2)],
            "set tag" => [0x31, .. valid.AsSpan(1)],
            "length too long" => [0x30, (byte)(valid.Length - 1), .. valid.AsSpan(2)],
            "negative r" => TestDer.Signature(-r, s),
            "zero r" => TestDer.Signature(0, s),
            "zero s" => TestDer.Signature(r, 0),
            "s equal to n" => TestDer.Signature(r, order),
            "r above n" => TestDer.Signature(order + 5, s),
            "three integers" => Sequence([.. IntegerOf(r), .. IntegerOf(s), .. IntegerOf(s)]),
            "one integer" => Sequence(IntegerOf(r)),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
    }

    private static byte[] IntegerOf(BigInteger value) => Integer(value.ToByteArray(isUnsigned: false, isBigEndian: true), extraZero: false);

    private static byte[] Integer(byte[] minimal, bool extraZero) =>
        extraZero ? [0x02, (byte)(minimal.Length + 1), 0x00, .. minimal] : [0x02, (byte)minimal.Length, .. minimal];

    private static byte[] Sequence(byte[] content) => [0x30, (byte)content.Length, .. content];
}

using System.Security.Cryptography;
using System.Text;
using Chainweave.Core.Crypto;

namespace Chainweave.Core.Tests.Crypto;

public class AeadTests
{
    private static readonly byte[] Nonce = Convert.FromHexString("000102030405060708090a0b");
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("resource 42");

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Encrypt_then_decrypt_returns_the_plaintext(string name)
    {
        using var aead = NewAead(name);
        var plaintext = Encoding.ASCII.GetBytes("a catalogue entry of some length, longer than one block");
        var (ciphertext, tag) = Seal(aead, plaintext);
        var opened = new byte[plaintext.Length];

        Assert.NotEqual(plaintext, ciphertext);
        Assert.True(aead.Decrypt(Nonce, ciphertext, tag, opened, Header));
        Assert.Equal(plaintext, opened);
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Empty_plaintext_still_authenticates(string name)
    {
        using var aead = NewAead(name);
        var (ciphertext, tag) = Seal(aead, []);

        Assert.True(aead.Decrypt(Nonce, ciphertext, tag, [], Header));
        tag[0] ^= 1;
        Assert.False(aead.Decrypt(Nonce, ciphertext, tag, [], Header));
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Tampering_fails_and_clears_the_plaintext(string name)
    {
        using var aead = NewAead(name);
        var plaintext = Encoding.ASCII.GetBytes("secret terms");
        var (ciphertext, tag) = Seal(aead, plaintext);
        var badTag = (byte[])tag.Clone();
        badTag[^1] ^= 0x80;
        var badCiphertext = (byte[])ciphertext.Clone();
        badCiphertext[0] ^= 1;

        AssertRejected(aead, ciphertext, badTag, Header);
        AssertRejected(aead, badCiphertext, tag, Header);
        AssertRejected(aead, ciphertext, tag, Encoding.ASCII.GetBytes("resource 43"));
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Wrong_sizes_are_argument_errors(string name)
    {
        var suite = Suites.Get(name);
        using var aead = NewAead(name);
        var tag = new byte[16];

        Assert.Throws<ArgumentException>(() => suite.CreateAead(new byte[suite.AeadKeySize + 1]));
        Assert.Throws<ArgumentException>(() => aead.Encrypt(new byte[8], new byte[4], new byte[4], tag));
        Assert.Throws<ArgumentException>(() => aead.Encrypt(Nonce, new byte[4], new byte[5], tag));
        Assert.Throws<ArgumentException>(() => aead.Encrypt(Nonce, new byte[4], new byte[4], new byte[12]));
    }

    [Theory]
    [MemberData(nameof(Suites.Names), MemberType = typeof(Suites))]
    public void Disposed_aead_refuses_to_work(string name)
    {
        var aead = NewAead(name);
        aead.Dispose();

        Assert.Throws<ObjectDisposedException>(() => aead.Encrypt(Nonce, new byte[4], new byte[4], new byte[16]));
        Assert.Throws<ObjectDisposedException>(() => aead.Decrypt(Nonce, new byte[4], new byte[16], new byte[4]));
    }

    private static IAead NewAead(string name)
    {
        var suite = Suites.Get(name);
        return suite.CreateAead(RandomNumberGenerator.GetBytes(suite.AeadKeySize));
    }

    private static (byte[] Ciphertext, byte[] Tag) Seal(IAead aead, byte[] plaintext)
    {
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        aead.Encrypt(Nonce, plaintext, ciphertext, tag, Header);
        return (ciphertext, tag);
    }

    private static void AssertRejected(IAead aead, byte[] ciphertext, byte[] tag, byte[] associatedData)
    {
        var opened = new byte[ciphertext.Length];
        opened.AsSpan().Fill(0xAA);

        Assert.False(aead.Decrypt(Nonce, ciphertext, tag, opened, associatedData));
        Assert.All(opened, b => Assert.Equal(0, b));
    }
}

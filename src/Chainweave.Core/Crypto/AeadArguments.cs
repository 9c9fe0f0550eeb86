namespace Chainweave.Core.Crypto;

/// <summary>The shape both suites' AEADs accept: 12-byte nonce, 16-byte tag, ciphertext as long as plaintext.</summary>
internal static class AeadArguments
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public static void Validate(ReadOnlySpan<byte> nonce, int inputLength, int outputLength, int tagLength)
    {
        if (nonce.Length != NonceSize)
        {
            throw new ArgumentException($"The nonce must be {NonceSize} bytes, not {nonce.Length}.", nameof(nonce));
        }

        if (tagLength != TagSize)
        {
            throw new ArgumentException($"The tag must be {TagSize} bytes, not {tagLength}.", "tag");
        }

        if (outputLength != inputLength)
        {
            throw new ArgumentException($"The output must be as long as the input ({inputLength} bytes), not {outputLength}.", "output");
        }
    }

    public static void ValidateKey(ReadOnlySpan<byte> key, int expected, string suite)
    {
        if (key.Length != expected)
        {
            throw new ArgumentException($"A {suite} AEAD key is {expected} bytes, not {key.Length}.", nameof(key));
        }
    }
}

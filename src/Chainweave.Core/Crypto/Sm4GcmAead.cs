using System.Buffers;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Chainweave.Core.Crypto;

/// <summary>
/// SM4-GCM through BouncyCastle. A cipher is built per call: GcmBlockCipher is stateful and refuses a
/// repeated nonce on one instance, and encryption is not a hot path.
/// </summary>
internal sealed class Sm4GcmAead : IAead
{
    public const int KeySize = 16;
    private readonly byte[] _key;
    private bool _disposed;

    public Sm4GcmAead(ReadOnlySpan<byte> key)
    {
        AeadArguments.ValidateKey(key, KeySize, SmSuite.SuiteName);
        _key = key.ToArray();
    }

    public void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData = default)
    {
        AeadArguments.Validate(nonce, plaintext.Length, ciphertext.Length, tag.Length);
        var cipher = CreateCipher(forEncryption: true, nonce, associatedData);

        // BouncyCastle writes ciphertext || tag in one output.
        int total = plaintext.Length + AeadArguments.TagSize;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var output = buffer.AsSpan(0, total);
            int written = cipher.ProcessBytes(plaintext, output);
            cipher.DoFinal(output[written..]);
            output[..plaintext.Length].CopyTo(ciphertext);
            output[plaintext.Length..].CopyTo(tag);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public bool Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        AeadArguments.Validate(nonce, ciphertext.Length, plaintext.Length, tag.Length);
        var cipher = CreateCipher(forEncryption: false, nonce, associatedData);

        int total = ciphertext.Length + AeadArguments.TagSize;
        byte[] input = ArrayPool<byte>.Shared.Rent(total);
        byte[] output = ArrayPool<byte>.Shared.Rent(Math.Max(1, ciphertext.Length));
        try
        {
            ciphertext.CopyTo(input);
            tag.CopyTo(input.AsSpan(ciphertext.Length));
            var outputSpan = output.AsSpan(0, ciphertext.Length);
            int written = cipher.ProcessBytes(input.AsSpan(0, total), outputSpan);
            cipher.DoFinal(outputSpan[written..]);
            outputSpan.CopyTo(plaintext);
            return true;
        }
        catch (InvalidCipherTextException)
        {
            // BouncyCastle has no non-throwing tag check; the exception is the only signal.
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(output.AsSpan(0, ciphertext.Length));
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        CryptographicOperations.ZeroMemory(_key);
    }

    private GcmBlockCipher CreateCipher(bool forEncryption, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var cipher = new GcmBlockCipher(new SM4Engine());
        var parameters = new AeadParameters(new KeyParameter(_key), AeadArguments.TagSize * 8, nonce.ToArray(), associatedData.ToArray());
        cipher.Init(forEncryption, parameters);
        return cipher;
    }
}

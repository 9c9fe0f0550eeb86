using System.Security.Cryptography;

namespace Chainweave.Core.Crypto;

/// <summary>AES-256-GCM; AesGcm instances are pooled because one is not safe for concurrent use.</summary>
internal sealed class AesGcmAead : IAead
{
    private readonly byte[] _key;
    private readonly InstancePool<AesGcm> _instances;

    public AesGcmAead(ReadOnlySpan<byte> key)
    {
        AeadArguments.ValidateKey(key, 32, NistSuite.SuiteName);
        _key = key.ToArray();
        _instances = new InstancePool<AesGcm>(() => new AesGcm(_key, AeadArguments.TagSize));
    }

    public void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData = default)
    {
        AeadArguments.Validate(nonce, plaintext.Length, ciphertext.Length, tag.Length);
        var aes = _instances.Rent();
        try
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
        }
        finally
        {
            _instances.Return(aes);
        }
    }

    public bool Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        AeadArguments.Validate(nonce, ciphertext.Length, plaintext.Length, tag.Length);
        var aes = _instances.Rent();
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }
        finally
        {
            _instances.Return(aes);
        }
    }

    public void Dispose()
    {
        _instances.Dispose();
        CryptographicOperations.ZeroMemory(_key);
    }
}

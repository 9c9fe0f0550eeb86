namespace Chainweave.Core.Crypto;

/// <summary>
/// The algorithms a chain uses, fixed at genesis: `nist` (ECDSA P-256 + SHA-256 + AES-256-GCM) or
/// `sm` (SM2 with SM3 and the default user id + SM3 + SM4-GCM). Implementations are thread-safe.
/// Keys cross this boundary as DER: PKCS#8 for private keys, SubjectPublicKeyInfo for public keys.
/// Signatures are DER-encoded SEQUENCE { r INTEGER, s INTEGER }.
/// </summary>
public interface ICryptoSuite
{
    /// <summary>"nist" or "sm".</summary>
    string Name { get; }

    /// <summary>Digest size in bytes (32 for both suites).</summary>
    int HashSize { get; }

    /// <summary>Key size in bytes of <see cref="CreateAead"/>'s key (32 for AES-256, 16 for SM4).</summary>
    int AeadKeySize { get; }

    void Hash(ReadOnlySpan<byte> data, Span<byte> destination);

    byte[] Hash(ReadOnlySpan<byte> data);

    ISigner GenerateKey();

    /// <summary>Imports a PKCS#8 DER private key; throws ChainError(IDENTITY_INVALID) when it is not a key of this suite.</summary>
    ISigner ImportPrivateKey(ReadOnlySpan<byte> pkcs8Der);

    /// <summary>Imports a SubjectPublicKeyInfo DER public key; throws ChainError(IDENTITY_INVALID) when it is not a key of this suite.</summary>
    IVerifier ImportPublicKey(ReadOnlySpan<byte> spkiDer);

    IAead CreateAead(ReadOnlySpan<byte> key);
}

/// <summary>A private key. Signing is thread-safe.</summary>
public interface ISigner : IDisposable
{
    IVerifier PublicKey { get; }

    /// <summary>Signs data (the suite hashes it: SHA-256, or SM3 over Z||data for SM2). Nist signatures are always low-S.</summary>
    byte[] Sign(ReadOnlySpan<byte> data);

    byte[] ExportPkcs8();
}

/// <summary>A public key. Verification is thread-safe and never throws on bad input.</summary>
public interface IVerifier
{
    byte[] SubjectPublicKeyInfo { get; }

    SignatureCheck Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}

public enum SignatureCheck
{
    Valid = 0,
    Invalid = 1,

    /// <summary>Not a DER SEQUENCE of two positive integers below the group order.</summary>
    Malformed = 2,

    /// <summary>ECDSA s above n/2: malleable, refused.</summary>
    HighS = 3,
}

/// <summary>Authenticated encryption: AES-256-GCM or SM4-GCM, 12-byte nonce, 16-byte tag.</summary>
public interface IAead : IDisposable
{
    void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData = default);

    /// <summary>Returns false (and clears plaintext) when the tag does not match.</summary>
    bool Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default);
}

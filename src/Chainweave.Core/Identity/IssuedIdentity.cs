namespace Chainweave.Core.Identity;

/// <summary>
/// A certificate signed by a CA with its private key: DER certificate, PKCS#8 DER private key and the
/// DER SubjectPublicKeyInfo of the certified key (what node ids are hashed from).
/// </summary>
public sealed record IssuedIdentity(byte[] CertificateDer, byte[] PrivateKeyPkcs8, byte[] PublicKeySpki);

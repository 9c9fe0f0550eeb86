using System.Security.Cryptography;
using Chainweave.Api.Config;
using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Chainweave.Core.Identity;

/// <summary>
/// Turns the member of a transaction (a certificate, the hash of a registered certificate, or in identity
/// mode `key` a public key) into a checked identity, on the transaction admission path. Parsing, the CA
/// signature check and the key import are cached by certificate hash; organisation, validity time and
/// revocation are checked on every call. Thread-safe; never throws for bad input.
/// </summary>
public sealed class MemberResolver
{
    public const int DefaultCacheCapacity = 100_000;

    private const int MaxNameInMessage = 64;

    private readonly ICryptoSuite suite;
    private readonly ICertificateLookup lookup;
    private readonly IRevocationList revocations;
    private readonly Dictionary<string, TrustedCa[]> casByOrg;
    private readonly bool keyMode;
    private readonly ResolutionCache cache;

    /// <exception cref="ChainError">CONFIG_INVALID when an organisation's CA certificates do not parse.</exception>
    public MemberResolver(ChainConfig config, ICryptoSuite suite, ICertificateLookup lookup, IRevocationList revocations, int cacheCapacity = DefaultCacheCapacity)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(revocations);
        if (suite.HashSize != CertHashKey.Size)
        {
            throw new ArgumentException($"Member resolution needs a {CertHashKey.Size}-byte hash; suite '{suite.Name}' has {suite.HashSize}.", nameof(suite));
        }

        this.suite = suite;
        this.lookup = lookup;
        this.revocations = revocations;
        keyMode = string.Equals(config.IdentityMode, "key", StringComparison.Ordinal);
        casByOrg = ParseTrustRoots(config);
        cache = new ResolutionCache(cacheCapacity);
    }

    /// <summary>Entries currently cached; for tests and metrics.</summary>
    public int CachedCount => cache.Count;

    /// <param name="member">The sender or an endorser of a transaction.</param>
    /// <param name="timeMs">Unix milliseconds at which the member must be valid (block or admission time).</param>
    public MemberResolution Resolve(Member member, long timeMs)
    {
        if (member is null)
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, "The transaction has no member.");
        }

        return member.Type switch
        {
            MemberType.Cert => ResolveCertificate(member.OrgId, member.Info.Span, timeMs),
            MemberType.CertHash => ResolveCertificateHash(member.OrgId, member.Info.Span, timeMs),
            MemberType.PublicKey => ResolvePublicKey(member.OrgId, member.Info.Span, timeMs),
            _ => MemberResolution.Failed(ErrorCodes.MemberInvalid, $"Member type {(int)member.Type} is unknown."),
        };
    }

    private MemberResolution ResolveCertificate(string orgId, ReadOnlySpan<byte> der, long timeMs)
    {
        if (keyMode)
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, "This chain uses identity mode 'key': send a public key member, not a certificate.");
        }

        if (der.IsEmpty)
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, "The member certificate is empty.");
        }

        Span<byte> hash = stackalloc byte[CertHashKey.Size];
        suite.Hash(der, hash);
        var key = new CertHashKey(hash);
        if (!cache.TryGet(key, out var verified))
        {
            verified = VerifyCertificate(der, hash);
            cache.Add(key, verified);
        }

        return CheckPerCall(verified, orgId, timeMs);
    }

    private MemberResolution ResolveCertificateHash(string orgId, ReadOnlySpan<byte> certHash, long timeMs)
    {
        if (keyMode)
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, "This chain uses identity mode 'key': send a public key member, not a certificate hash.");
        }

        if (certHash.Length != CertHashKey.Size)
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, $"A certificate hash has {CertHashKey.Size} bytes; this one has {certHash.Length}.");
        }

        // Looked up every time, not only on a cache miss: the hash form is valid only for certificates
        // registered on chain, and a certificate cached from a full-certificate member may not be.
        var der = lookup.FindCertificate(certHash);
        if (der is null)
        {
            return MemberResolution.Failed(ErrorCodes.UnknownMember, "No certificate with this hash is registered on chain; send the full certificate or register it first.");
        }

        var key = new CertHashKey(certHash);
        if (!cache.TryGet(key, out var verified))
        {
            Span<byte> actual = stackalloc byte[CertHashKey.Size];
            suite.Hash(der, actual);
            if (!actual.SequenceEqual(certHash))
            {
                return MemberResolution.Failed(ErrorCodes.UnknownMember, "The certificate registered under this hash does not hash to it.");
            }

            verified = VerifyCertificate(der, certHash);
            cache.Add(key, verified);
        }

        return CheckPerCall(verified, orgId, timeMs);
    }

    private MemberResolution ResolvePublicKey(string orgId, ReadOnlySpan<byte> spki, long timeMs)
    {
        if (!keyMode)
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, "This chain uses identity mode 'cert': send a certificate or certificate hash member, not a public key.");
        }

        if (!casByOrg.ContainsKey(orgId))
        {
            return UnknownOrg(orgId);
        }

        Span<byte> hash = stackalloc byte[CertHashKey.Size];
        suite.Hash(spki, hash);
        var key = new CertHashKey(hash);
        if (!cache.TryGet(key, out var verified))
        {
            verified = ImportPublicKeyMember(orgId, spki, hash);
            cache.Add(key, verified);
        }

        if (verified.IsResolved && !string.Equals(verified.Member.OrgId, orgId, StringComparison.Ordinal))
        {
            var m = verified.Member;
            verified = MemberResolution.Resolved(new ResolvedMember(orgId, m.Role, m.CommonName, m.CertHash, m.PublicKey, m.NotBeforeMs, m.NotAfterMs, m.CertificateDer));
        }

        return CheckPerCall(verified, orgId, timeMs);
    }

    private MemberResolution CheckPerCall(MemberResolution verified, string orgId, long timeMs)
    {
        if (!verified.IsResolved)
        {
            return verified;
        }

        var member = verified.Member;
        if (!string.Equals(member.OrgId, orgId, StringComparison.Ordinal))
        {
            return casByOrg.ContainsKey(orgId)
                ? MemberResolution.Failed(ErrorCodes.MemberInvalid, $"The certificate belongs to organisation '{member.OrgId}', but the member claims '{Shorten(orgId)}'.")
                : UnknownOrg(orgId);
        }

        if (timeMs < member.NotBeforeMs)
        {
            return MemberResolution.Failed(ErrorCodes.MemberExpired, $"The certificate of {member.CommonName} is not valid before {FormatTime(member.NotBeforeMs)}.");
        }

        if (timeMs > member.NotAfterMs)
        {
            return MemberResolution.Failed(ErrorCodes.MemberExpired, $"The certificate of {member.CommonName} expired at {FormatTime(member.NotAfterMs)}; get a new one from your organisation's CA.");
        }

        if (revocations.IsRevoked(member.CertHash.Span))
        {
            return MemberResolution.Failed(ErrorCodes.MemberRevoked, $"The certificate of {member.CommonName} has been revoked or frozen on chain.");
        }

        return verified;
    }

    /// <summary>The expensive, cacheable checks: they depend only on the certificate and the chain config.</summary>
    private MemberResolution VerifyCertificate(ReadOnlySpan<byte> der, ReadOnlySpan<byte> hash)
    {
        if (!CertificateParsing.TryParse(der, out var certificate))
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, "The member certificate is not a DER X.509 certificate.");
        }

        var org = CertificateParsing.FirstValue(certificate.SubjectDN, X509Name.O);
        if (org is null)
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, "The member certificate has no organisation (O) in its subject.");
        }

        if (!casByOrg.TryGetValue(org, out var cas))
        {
            return UnknownOrg(org);
        }

        var issuer = FindIssuer(certificate, cas);
        if (issuer is null)
        {
            return MemberResolution.Failed(ErrorCodes.UnknownMember, $"The member certificate is not issued by a CA of organisation '{Shorten(org)}'.");
        }

        if (certificate.GetBasicConstraints() >= 0)
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, "A CA certificate cannot be a member; use a certificate issued by the CA.");
        }

        var keyUsage = certificate.GetKeyUsage();
        if (keyUsage is not null && !keyUsage[0])
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, "The member certificate's key usage does not allow digital signatures.");
        }

        var unit = CertificateParsing.FirstValue(certificate.SubjectDN, X509Name.OU);
        if (!MemberRoles.TryParse(unit, out var role))
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, "The member certificate's OU must be admin, client, consensus or common.");
        }

        var publicKey = ImportKey(certificate.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded());
        if (publicKey is null)
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, $"The member certificate's key is not a key of the chain's '{suite.Name}' suite.");
        }

        var notBefore = Math.Max(CertificateParsing.ToUnixMilliseconds(certificate.NotBefore), issuer.NotBeforeMs);
        var notAfter = Math.Min(CertificateParsing.ToUnixMilliseconds(certificate.NotAfter), issuer.NotAfterMs);
        var commonName = CertificateParsing.FirstValue(certificate.SubjectDN, X509Name.CN) ?? string.Empty;
        return MemberResolution.Resolved(new ResolvedMember(org, role, Shorten(commonName), hash.ToArray(), publicKey, notBefore, notAfter, der.ToArray()));
    }

    private MemberResolution ImportPublicKeyMember(string orgId, ReadOnlySpan<byte> spki, ReadOnlySpan<byte> hash)
    {
        var publicKey = ImportKey(spki.ToArray());
        if (publicKey is null)
        {
            return MemberResolution.Failed(ErrorCodes.MemberInvalid, $"The member's public key is not a DER SubjectPublicKeyInfo of the chain's '{suite.Name}' suite.");
        }

        // Identity mode `key` has no on-chain key registry yet, so every key counts as a client of the
        // organisation it names.
        return MemberResolution.Resolved(new ResolvedMember(orgId, MemberRole.Client, string.Empty, hash.ToArray(), publicKey, long.MinValue, long.MaxValue, ReadOnlyMemory<byte>.Empty));
    }

    private IVerifier? ImportKey(byte[] spki)
    {
        try
        {
            return suite.ImportPublicKey(spki);
        }
        catch (Exception e) when (e is ChainError or CryptographicException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static TrustedCa? FindIssuer(X509Certificate certificate, TrustedCa[] cas)
    {
        foreach (var ca in cas)
        {
            if (certificate.IssuerDN.Equivalent(ca.Certificate.SubjectDN) && CertificateParsing.IsSignedBy(certificate, ca.PublicKey))
            {
                return ca;
            }
        }

        return null;
    }

    private static Dictionary<string, TrustedCa[]> ParseTrustRoots(ChainConfig config)
    {
        var result = new Dictionary<string, TrustedCa[]>(StringComparer.Ordinal);
        foreach (var org in config.Orgs)
        {
            var cas = new List<TrustedCa>();
            foreach (var pem in org.CaCertsPem)
            {
                var blocks = PemBlocks.DecodeAll(pem, PemBlocks.Certificate);
                if (blocks is null || blocks.Count == 0)
                {
                    throw new ChainError(ErrorCodes.ConfigInvalid, $"Organisation '{org.OrgId}' has a CA certificate that is not PEM; fix ca_certs_pem in the chain config.");
                }

                foreach (var der in blocks)
                {
                    if (!CertificateParsing.TryParse(der, out var certificate))
                    {
                        throw new ChainError(ErrorCodes.ConfigInvalid, $"Organisation '{org.OrgId}' has a CA certificate that is not X.509; fix ca_certs_pem in the chain config.");
                    }

                    cas.Add(TrustedCa.From(certificate));
                }
            }

            if (!result.TryAdd(org.OrgId, [.. cas]))
            {
                throw new ChainError(ErrorCodes.ConfigInvalid, $"Organisation '{org.OrgId}' appears twice in the chain config.");
            }
        }

        return result;
    }

    private static MemberResolution UnknownOrg(string orgId) =>
        MemberResolution.Failed(ErrorCodes.UnknownMember, $"Organisation '{Shorten(orgId)}' is not a member of this chain.");

    private static string Shorten(string text) => text.Length <= MaxNameInMessage ? text : string.Concat(text.AsSpan(0, MaxNameInMessage), "…");

    private static string FormatTime(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

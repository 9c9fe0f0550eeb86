using System.Security.Cryptography.X509Certificates;
using Chainweave.Api.Config;
using Chainweave.Core.Crypto;
using Chainweave.Core.Identity;

namespace Chainweave.Network;

/// <summary>
/// Decides whether a TLS certificate a peer presents belongs to the chain: it must chain to one of
/// the organisations' TLS roots in genesis, be within its validity, name the organisation whose
/// root issued it, and not be revoked on chain.
/// </summary>
public sealed class TlsTrust
{
    private readonly List<(string OrgId, X509Certificate2 Root)> _roots = [];
    private readonly ICryptoSuite _suite;
    private readonly IRevocationList? _revocations;

    public TlsTrust(ChainConfig config, ICryptoSuite suite, IRevocationList? revocations)
    {
        ArgumentNullException.ThrowIfNull(config);
        _suite = suite;
        _revocations = revocations;
        foreach (var org in config.Orgs)
        {
            foreach (var pem in org.TlsCaCertsPem)
            {
                _roots.Add((org.OrgId, X509Certificate2.CreateFromPem(pem)));
            }
        }
    }

    /// <summary>Null when trusted, else the reason.</summary>
    public string? Check(X509Certificate2? certificate, DateTimeOffset now)
    {
        if (certificate is null)
        {
            return "no TLS client certificate";
        }

        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            return $"TLS certificate {certificate.Subject} is outside its validity";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        foreach (var (_, root) in _roots)
        {
            chain.ChainPolicy.CustomTrustStore.Add(root);
        }

        if (!chain.Build(certificate))
        {
            return $"TLS certificate {certificate.Subject} does not chain to a TLS root of this chain";
        }

        var anchor = chain.ChainElements[^1].Certificate;
        var org = CertificateInfo.OrganisationOf(certificate.RawData);
        var rootOrg = _roots.Find(r => r.Root.RawDataMemory.Span.SequenceEqual(anchor.RawDataMemory.Span)).OrgId;
        if (org is null || !string.Equals(org, rootOrg, StringComparison.Ordinal))
        {
            return $"TLS certificate {certificate.Subject} names organisation '{org}' but was issued by {rootOrg}'s TLS CA";
        }

        if (_revocations is not null && _revocations.IsRevoked(_suite.Hash(certificate.RawData)))
        {
            return $"TLS certificate {certificate.Subject} is revoked";
        }

        return null;
    }
}

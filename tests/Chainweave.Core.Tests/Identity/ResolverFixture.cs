using Chainweave.Api.Config;
using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Core.Identity;
using Google.Protobuf;

namespace Chainweave.Core.Tests.Identity;

/// <summary>A two-organisation cert-mode chain with a resolver over an in-memory certificate registry.</summary>
internal sealed class ResolverFixture
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public ResolverFixture(string suiteName, int cacheCapacity = MemberResolver.DefaultCacheCapacity, string identityMode = "cert")
    {
        Suite = CryptoSuites.Get(suiteName);
        Issuer = new CertificateIssuer(suiteName, Now);
        Ca1 = Issuer.CreateRootCa("org1");
        Ca2 = Issuer.CreateRootCa("org2");
        Config = new ChainConfig
        {
            ChainId = "chain1",
            Crypto = suiteName,
            IdentityMode = identityMode,
            Orgs =
            {
                new Organization { OrgId = "org1", CaCertsPem = { Pem.Encode(Pem.CertificateLabel, Ca1.CertificateDer) } },
                new Organization { OrgId = "org2", CaCertsPem = { Pem.Encode(Pem.CertificateLabel, Ca2.CertificateDer) } },
            },
        };
        Resolver = new MemberResolver(Config, Suite, Registry, Registry, cacheCapacity);
    }

    public ICryptoSuite Suite { get; }

    public CertificateIssuer Issuer { get; }

    public IssuedCa Ca1 { get; }

    public IssuedCa Ca2 { get; }

    public ChainConfig Config { get; }

    public InMemoryCertificateRegistry Registry { get; } = new();

    public MemberResolver Resolver { get; }

    public static long NowMs => Now.ToUnixTimeMilliseconds();

    public static Member CertMember(string orgId, byte[] certificateDer) =>
        new() { OrgId = orgId, Type = MemberType.Cert, Info = ByteString.CopyFrom(certificateDer) };

    public static Member HashMember(string orgId, byte[] certHash) =>
        new() { OrgId = orgId, Type = MemberType.CertHash, Info = ByteString.CopyFrom(certHash) };

    public IssuedIdentity Client1() => Issuer.Issue(Ca1, "client1", "org1", MemberRole.Client);
}

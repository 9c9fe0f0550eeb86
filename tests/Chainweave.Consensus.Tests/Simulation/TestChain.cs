using Chainweave.Api.Config;
using Chainweave.Core.Crypto;
using Chainweave.Core.Genesis;
using Chainweave.Core.Identity;
using Google.Protobuf;

namespace Chainweave.Consensus.Tests.Simulation;

/// <summary>
/// A chain config with n validators whose consensus certificates come from a real CA, and their
/// signing keys. Validators are ordered by node id, so validator index i is node i of a simulation
/// (and the proposer of (height, round) is node (height + round) mod n).
/// </summary>
public sealed class TestChain
{
    public static readonly DateTimeOffset GenesisTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private TestChain(ChainConfig config, ICryptoSuite suite, byte[][] nodeIds, byte[][] privateKeys)
    {
        Config = config;
        Suite = suite;
        NodeIds = nodeIds;
        PrivateKeys = privateKeys;
    }

    public ChainConfig Config { get; }

    public ICryptoSuite Suite { get; }

    public IReadOnlyList<byte[]> NodeIds { get; }

    /// <summary>PKCS#8 keys, so each (re)started node imports its own signer.</summary>
    public IReadOnlyList<byte[]> PrivateKeys { get; }

    public int Count => NodeIds.Count;

    public static TestChain Create(int validators, string chainId = "chain1", string crypto = "nist")
    {
        var suite = CryptoSuites.Get(crypto);
        var issuer = new CertificateIssuer(crypto, GenesisTime);
        var ca = issuer.CreateRootCa("org1");
        var identities = new List<(byte[] Id, IssuedIdentity Identity)>();
        for (var i = 1; i <= validators; i++)
        {
            var identity = issuer.Issue(ca, $"node{i}", "org1", MemberRole.Consensus);
            identities.Add((suite.Hash(identity.PublicKeySpki), identity));
        }

        identities.Sort(static (a, b) => a.Id.AsSpan().SequenceCompareTo(b.Id));
        var config = new ChainConfig
        {
            ChainId = chainId,
            Crypto = crypto,
            Consensus = "tbft",
            IdentityMode = ChainDefaults.IdentityModeCert,
            Block = ChainDefaults.Block(),
            Tx = ChainDefaults.Tx(),
            GenesisTimeMs = GenesisTime.ToUnixTimeMilliseconds(),
        };
        config.Orgs.Add(new Organization { OrgId = "org1" });
        for (var i = 0; i < identities.Count; i++)
        {
            var (id, identity) = identities[i];
            config.Nodes.Add(new NodeInfo
            {
                Name = $"node{i}",
                OrgId = "org1",
                NodeId = ByteString.CopyFrom(id),
                ConsensusCert = ByteString.CopyFrom(identity.CertificateDer),
            });
            config.Validators.Add(ByteString.CopyFrom(id));
        }

        return new TestChain(config, suite, identities.ConvertAll(x => x.Id).ToArray(), identities.ConvertAll(x => x.Identity.PrivateKeyPkcs8).ToArray());
    }

    public ISigner Signer(int index) => Suite.ImportPrivateKey(PrivateKeys[index]);
}

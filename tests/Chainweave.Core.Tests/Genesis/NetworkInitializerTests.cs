using System.Security.Cryptography.X509Certificates;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Chainweave.Core.Identity;
using Chainweave.Core.Tests.Identity;
using Xunit.Abstractions;

namespace Chainweave.Core.Tests.Genesis;

public sealed class NetworkInitializerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder temp = new();
    private readonly ITestOutputHelper output;

    public NetworkInitializerTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Creates_the_documented_layout()
    {
        var network = NetworkInitializer.Create(Options(orgs: 2, nodes: 3, consensus: "tbft"));

        string[] expected =
        [
            "network.json", "genesis.json",
            "orgs/org1/ca/ca.crt", "orgs/org1/ca/ca.key", "orgs/org2/ca/ca.crt", "orgs/org2/ca/ca.key",
            "orgs/org1/users/admin1/cert.pem", "orgs/org1/users/admin1/key.pem",
            "orgs/org2/users/client1/cert.pem", "orgs/org2/users/client1/key.pem",
            "nodes/node1/node.json", "nodes/node1/genesis.json",
            "nodes/node3/keys/consensus.crt", "nodes/node3/keys/consensus.key",
            "nodes/node3/keys/tls.crt", "nodes/node3/keys/tls.key", "nodes/node3/keys/tls-ca.crt",
        ];
        Assert.All(expected, file => Assert.True(File.Exists(temp.Combine(file)), file));
        Assert.False(Directory.Exists(temp.Combine("orgs", "org1", "tlsca")), "nist reuses the org CA for TLS");
        Assert.Equal(temp.Path, network.Dir);
        Assert.Equal(File.ReadAllText(temp.Combine("genesis.json")), File.ReadAllText(temp.Combine("nodes", "node2", "genesis.json")));
    }

    [Fact]
    public void Network_and_node_files_use_the_documented_names_ports_and_org_assignment()
    {
        NetworkInitializer.Create(Options(orgs: 2, nodes: 3, consensus: "raft") with { BasePort = 20000, ChainId = "demo" });

        var manifest = NetworkManifest.Load(temp.Path);
        var node3 = NodeConfig.Load(temp.Combine("nodes", "node3"));
        var rawNetwork = File.ReadAllText(temp.Combine("network.json"));

        Assert.Equal(("demo", "nist", "raft"), (manifest.ChainId, manifest.Crypto, manifest.Consensus));
        Assert.Equal(new NodeEntry("node2", "org2", "nodes/node2", "127.0.0.1:20010", "127.0.0.1:20011", "127.0.0.1:20012"), manifest.FindNode("node2"));
        Assert.Equal(new IdentityEntry("client1.org1", "org1", "client", "orgs/org1/users/client1"), manifest.FindIdentity("client1.org1"));
        Assert.Equal(new IdentityEntry("admin1.org2", "org2", "admin", "orgs/org2/users/admin1"), manifest.FindIdentity("admin1.org2"));
        Assert.Equal(4, manifest.Identities.Count);
        Assert.Equal(new NodeConfig("node3", "org1", "127.0.0.1:20020", "127.0.0.1:20021", "127.0.0.1:20022", "data", "rocksdb"), node3);
        Assert.Contains("\"chainId\"", rawNetwork, StringComparison.Ordinal);
        Assert.Contains("\"p2p\"", rawNetwork, StringComparison.Ordinal);
        Assert.Contains("\"grpcListen\"", File.ReadAllText(temp.Combine("nodes", "node1", "node.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nist")]
    [InlineData("sm")]
    public void Genesis_loads_back_with_node_ids_hashed_from_the_consensus_certificates(string crypto)
    {
        var network = NetworkInitializer.Create(Options(orgs: 2, nodes: 2, consensus: "tbft") with { Crypto = crypto });
        var suite = CryptoSuites.Get(crypto);

        var genesis = GenesisFile.Load(temp.Combine("genesis.json"));

        Assert.Equal(network.Genesis, genesis);
        Assert.Equal(("chain1", crypto, "tbft", "cert"), (genesis.ChainId, genesis.Crypto, genesis.Consensus, genesis.IdentityMode));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), genesis.GenesisTimeMs);
        Assert.Equal(2, genesis.Orgs.Count);
        Assert.Equal(genesis.Nodes.Select(n => n.NodeId), genesis.Validators);
        foreach (var node in genesis.Nodes)
        {
            var certificateDer = Pem.Decode(File.ReadAllText(temp.Combine("nodes", node.Name, "keys", "consensus.crt")), Pem.CertificateLabel);
            var spki = new Org.BouncyCastle.X509.X509Certificate(certificateDer).CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded();
            Assert.Equal(certificateDer, node.ConsensusCert.ToByteArray());
            Assert.Equal(suite.Hash(spki), node.NodeId.ToByteArray());
            Assert.Equal(NodeConfig.Load(temp.Combine("nodes", node.Name)).P2pListen, node.P2PAddress);
        }

        Assert.Equal(10_000u, genesis.Block.MaxTxs);
        Assert.Equal(64u * 1024 * 1024, genesis.Block.MaxBlockBytes);
        Assert.Equal(600u, genesis.Tx.TimestampWindowS);
        Assert.Equal(10_000_000ul, genesis.Tx.DefaultGasLimit);
        Assert.Contains(genesis.Policies, p => p.Resource == "CERT_MANAGE.REVOKE" && p.Rule == "SELF" && p.Roles.SequenceEqual(["admin"]));
        Assert.Equal(GenesisFile.Hash(network.Genesis, suite), GenesisFile.Hash(genesis, suite));
    }

    [Theory]
    [InlineData("nist")]
    [InlineData("sm")]
    public void Identity_folders_load_back_as_signers_that_the_chain_accepts(string crypto)
    {
        var network = NetworkInitializer.Create(Options(orgs: 2, nodes: 1) with { Crypto = crypto });
        var suite = CryptoSuites.Get(crypto);
        var registry = new InMemoryCertificateRegistry();
        var resolver = new MemberResolver(network.Genesis, suite, registry, registry);
        var entry = network.Manifest.FindIdentity("admin1.org2")!;

        using var identity = IdentityFolder.Load(temp.Combine(entry.Path), suite);
        var resolution = resolver.Resolve(identity.ToMember(), Now.ToUnixTimeMilliseconds());
        var signature = identity.Signer.Sign("config change"u8);

        Assert.Equal("org2", identity.OrgId);
        Assert.True(resolution.IsResolved, resolution.ToString());
        Assert.Equal(MemberRole.Admin, resolution.Member.Role);
        Assert.Equal(SignatureCheck.Valid, resolution.Member.PublicKey.Verify("config change"u8, signature));
    }

    [Theory]
    [InlineData("nist")]
    [InlineData("sm")]
    public void Node_tls_certificates_are_p256_and_chain_to_the_shared_tls_roots(string crypto)
    {
        NetworkInitializer.Create(Options(orgs: 2, nodes: 2, consensus: "tbft") with { Crypto = crypto });
        var keys = temp.Combine("nodes", "node2", "keys");

        using var tls = X509Certificate2.CreateFromPemFile(Path.Combine(keys, "tls.crt"), Path.Combine(keys, "tls.key"));
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(Path.Combine(keys, "tls-ca.crt"));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.UtcDateTime.AddHours(1);

        Assert.True(tls.HasPrivateKey);
        Assert.Equal(2, roots.Count);
        Assert.True(chain.Build(tls), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(crypto == "sm", Directory.Exists(temp.Combine("orgs", "org1", "tlsca")));
        var consensus = new Org.BouncyCastle.X509.X509Certificate(Pem.Decode(File.ReadAllText(Path.Combine(keys, "consensus.crt")), Pem.CertificateLabel));
        Assert.Equal(crypto == "sm" ? "1.2.156.10197.1.501" : "1.2.840.10045.4.3.2", consensus.SigAlgOid);
    }

    [Fact]
    public void Private_key_files_are_readable_by_the_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only.
        }

        NetworkInitializer.Create(Options(orgs: 1, nodes: 1));

        var keyFiles = Directory.GetFiles(temp.Path, "*.key", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(temp.Path, "key.pem", SearchOption.AllDirectories))
            .ToList();

        Assert.Equal(5, keyFiles.Count); // CA, admin1, client1, consensus, tls
        foreach (var file in keyFiles)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Theory]
    [InlineData("network.json")]
    [InlineData("genesis.json")]
    public void Refuses_to_overwrite_an_existing_network(string existing)
    {
        File.WriteAllText(temp.Combine(existing), "{}");

        var error = Assert.Throws<ChainError>(() => NetworkInitializer.Create(Options(orgs: 1, nodes: 1)));

        Assert.Equal(ErrorCodes.NetworkExists, error.Code);
        Assert.Contains("--dir", error.Message, StringComparison.Ordinal);
        Assert.Equal("{}", File.ReadAllText(temp.Combine(existing)));
    }

    [Fact]
    public void A_second_init_in_the_same_folder_is_refused()
    {
        NetworkInitializer.Create(Options(orgs: 1, nodes: 1));
        var genesis = File.ReadAllText(temp.Combine("genesis.json"));

        var error = Assert.Throws<ChainError>(() => NetworkInitializer.Create(Options(orgs: 1, nodes: 1)));

        Assert.Equal(ErrorCodes.NetworkExists, error.Code);
        Assert.Equal(genesis, File.ReadAllText(temp.Combine("genesis.json")));
    }

    [Theory]
    [InlineData(1, 2, "solo", "nist", "solo")]
    [InlineData(0, 1, "solo", "nist", "--orgs")]
    [InlineData(1, 0, "tbft", "nist", "--nodes")]
    [InlineData(1, 1, "pbft", "nist", "--consensus")]
    [InlineData(1, 1, "solo", "rsa", "--crypto")]
    public void Refuses_invalid_options_with_a_sentence_naming_the_option(int orgs, int nodes, string consensus, string crypto, string mentioned)
    {
        var error = Assert.Throws<ChainError>(() => NetworkInitializer.Create(Options(orgs, nodes, consensus) with { Crypto = crypto }));

        Assert.Equal(ErrorCodes.ConfigInvalid, error.Code);
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("genesis.json")));
    }

    [Fact]
    public void Refuses_ports_beyond_65535_and_bad_chain_ids()
    {
        var ports = Assert.Throws<ChainError>(() => NetworkInitializer.Create(Options(1, 4, "tbft") with { BasePort = 65530 }));
        var chainId = Assert.Throws<ChainError>(() => NetworkInitializer.Create(Options(1, 1) with { ChainId = "chain one" }));

        Assert.Equal(ErrorCodes.ConfigInvalid, ports.Code);
        Assert.Equal(ErrorCodes.ConfigInvalid, chainId.Code);
    }

    [Fact]
    public void Four_organisations_with_four_nodes_get_a_consensus_identity_each()
    {
        var network = NetworkInitializer.Create(Options(orgs: 4, nodes: 4, consensus: "tbft") with { Crypto = "sm" });

        Assert.Equal(4, network.Genesis.Orgs.Count);
        Assert.Equal(4, network.Genesis.Validators.Count);
        Assert.Equal(4, network.Genesis.Validators.Select(v => v.ToBase64()).Distinct().Count());
    }

    private InitOptions Options(int orgs, int nodes, string consensus = "solo") =>
        new() { Dir = temp.Path, Orgs = orgs, Nodes = nodes, Consensus = consensus, Now = Now };
}

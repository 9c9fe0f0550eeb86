using Chainweave.Api.Config;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Identity;
using Google.Protobuf;

namespace Chainweave.Core.Genesis;

/// <summary>
/// `chainweave init`: creates the keys, certificates, genesis config and node homes of a new local
/// network in the layout of docs/network-layout.md.
/// </summary>
public static class NetworkInitializer
{
    private const string Loopback = "127.0.0.1";

    /// <summary>Creates the network described by <paramref name="options"/>.</summary>
    /// <exception cref="ChainError">CONFIG_INVALID for bad options; NETWORK_EXISTS when the folder already holds a network.</exception>
    public static InitializedNetwork Create(InitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        InitOptionsValidation.Validate(options);
        return Create(options, CryptoSuites.Get(options.Crypto));
    }

    /// <summary>Creates the network with the chain suite <paramref name="suite"/> (which must match options.Crypto).</summary>
    /// <exception cref="ChainError">CONFIG_INVALID for bad options; NETWORK_EXISTS when the folder already holds a network.</exception>
    public static InitializedNetwork Create(InitOptions options, ICryptoSuite suite)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(suite);
        InitOptionsValidation.Validate(options);
        if (!string.Equals(suite.Name, options.Crypto, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The suite is '{suite.Name}' but the options ask for '{options.Crypto}'.", nameof(suite));
        }

        var dir = Path.GetFullPath(options.Dir);
        RefuseExistingNetwork(dir);

        var issuer = new CertificateIssuer(options.Crypto, options.Now);
        var orgs = new List<OrgMaterial>(options.Orgs);
        for (var i = 1; i <= options.Orgs; i++)
        {
            orgs.Add(CreateOrg(issuer, NetworkLayout.OrgName(i)));
        }

        var tlsRoots = orgs.ConvertAll(o => o.TlsCa.CertificateDer).ToArray();
        var nodes = new List<NodeEntry>(options.Nodes);
        var nodeInfos = new List<NodeInfo>(options.Nodes);
        for (var i = 1; i <= options.Nodes; i++)
        {
            var org = orgs[NetworkLayout.OrgIndexOfNode(i, options.Orgs) - 1];
            var (entry, info) = CreateNode(dir, i, org, issuer, suite, options.BasePort, tlsRoots);
            nodes.Add(entry);
            nodeInfos.Add(info);
        }

        var genesis = BuildGenesis(options, orgs, nodeInfos);
        foreach (var node in nodes)
        {
            GenesisFile.Save(Path.Combine(dir, node.Home, NetworkLayout.GenesisFileName), genesis);
        }

        foreach (var org in orgs)
        {
            WriteOrg(dir, org);
        }

        var manifest = new NetworkManifest(options.ChainId, options.Crypto, options.Consensus, nodes, Identities(orgs));

        // Written last, so an interrupted init never looks like a finished network.
        GenesisFile.Save(Path.Combine(dir, NetworkLayout.GenesisFileName), genesis);
        manifest.Save(Path.Combine(dir, NetworkLayout.NetworkFileName));
        return new InitializedNetwork(dir, manifest, genesis);
    }

    private static void RefuseExistingNetwork(string dir)
    {
        foreach (var name in new[] { NetworkLayout.NetworkFileName, NetworkLayout.GenesisFileName })
        {
            if (File.Exists(Path.Combine(dir, name)))
            {
                throw new ChainError(ErrorCodes.NetworkExists, $"{dir} already holds a network ({name} exists): pick another --dir, or delete that folder to start over.");
            }
        }
    }

    private static OrgMaterial CreateOrg(CertificateIssuer issuer, string org)
    {
        var ca = issuer.CreateRootCa(org);
        var tlsCa = issuer.RootCaSignsTls ? ca : issuer.CreateTlsCa(org);
        var admin = issuer.Issue(ca, NetworkLayout.AdminUser, org, MemberRole.Admin);
        var client = issuer.Issue(ca, NetworkLayout.ClientUser, org, MemberRole.Client);
        return new OrgMaterial(org, ca, tlsCa, admin, client);
    }

    private static (NodeEntry Entry, NodeInfo Info) CreateNode(
        string dir, int index, OrgMaterial org, CertificateIssuer issuer, ICryptoSuite suite, int basePort, byte[][] tlsRoots)
    {
        var name = NetworkLayout.NodeName(index);
        var consensus = issuer.Issue(org.Ca, name, org.Name, MemberRole.Consensus);
        var tls = issuer.IssueTls(org.TlsCa, name, org.Name);

        var home = $"{NetworkLayout.NodesFolder}/{name}";
        var keys = Path.Combine(dir, NetworkLayout.NodesFolder, name, NetworkLayout.KeysFolder);
        Directory.CreateDirectory(keys);
        KeyFiles.WriteCertificates(Path.Combine(keys, NetworkLayout.ConsensusCertificateFileName), consensus.CertificateDer);
        KeyFiles.WritePrivateKey(Path.Combine(keys, NetworkLayout.ConsensusKeyFileName), consensus.PrivateKeyPkcs8);
        KeyFiles.WriteCertificates(Path.Combine(keys, NetworkLayout.TlsCertificateFileName), tls.CertificateDer);
        KeyFiles.WritePrivateKey(Path.Combine(keys, NetworkLayout.TlsKeyFileName), tls.PrivateKeyPkcs8);
        KeyFiles.WriteCertificates(Path.Combine(keys, NetworkLayout.TlsCaCertificatesFileName), tlsRoots);

        var port = NetworkLayout.GrpcPort(basePort, index);
        var grpc = $"{Loopback}:{port}";
        var http = $"{Loopback}:{port + 1}";
        var p2p = $"{Loopback}:{port + 2}";
        var config = new NodeConfig(name, org.Name, grpc, http, p2p, NetworkLayout.DataFolder, NodeConfig.RocksDbStorage);
        config.Save(Path.Combine(dir, NetworkLayout.NodesFolder, name, NetworkLayout.NodeFileName));

        var info = new NodeInfo
        {
            Name = name,
            OrgId = org.Name,
            NodeId = ByteString.CopyFrom(suite.Hash(consensus.PublicKeySpki)),
            ConsensusCert = ByteString.CopyFrom(consensus.CertificateDer),
            P2PAddress = p2p,
        };
        return (new NodeEntry(name, org.Name, home, grpc, http, p2p), info);
    }

    private static ChainConfig BuildGenesis(InitOptions options, List<OrgMaterial> orgs, List<NodeInfo> nodes)
    {
        var config = new ChainConfig
        {
            ChainId = options.ChainId,
            Crypto = options.Crypto,
            Consensus = options.Consensus,
            IdentityMode = ChainDefaults.IdentityModeCert,
            Block = ChainDefaults.Block(),
            Tx = ChainDefaults.Tx(),
            GenesisTimeMs = options.Now.ToUnixTimeMilliseconds(),
        };
        foreach (var org in orgs)
        {
            config.Orgs.Add(new Organization
            {
                OrgId = org.Name,
                CaCertsPem = { PemBlocks.Encode(PemBlocks.Certificate, org.Ca.CertificateDer) },
                TlsCaCertsPem = { PemBlocks.Encode(PemBlocks.Certificate, org.TlsCa.CertificateDer) },
            });
        }

        config.Nodes.AddRange(nodes);
        foreach (var node in nodes)
        {
            config.Validators.Add(node.NodeId);
        }

        config.Policies.AddRange(ChainDefaults.Policies());
        return config;
    }

    private static void WriteOrg(string dir, OrgMaterial org)
    {
        var orgDir = Path.Combine(dir, NetworkLayout.OrgsFolder, org.Name);
        WriteCa(Path.Combine(orgDir, NetworkLayout.CaFolder), org.Ca);
        if (!ReferenceEquals(org.TlsCa, org.Ca))
        {
            WriteCa(Path.Combine(orgDir, NetworkLayout.TlsCaFolder), org.TlsCa);
        }

        var users = Path.Combine(orgDir, NetworkLayout.UsersFolder);
        IdentityFolder.Write(Path.Combine(users, NetworkLayout.AdminUser), org.Admin);
        IdentityFolder.Write(Path.Combine(users, NetworkLayout.ClientUser), org.Client);
    }

    private static void WriteCa(string folder, IssuedCa ca)
    {
        Directory.CreateDirectory(folder);
        KeyFiles.WriteCertificates(Path.Combine(folder, NetworkLayout.CaCertificateFileName), ca.CertificateDer);
        KeyFiles.WritePrivateKey(Path.Combine(folder, NetworkLayout.CaKeyFileName), ca.PrivateKeyPkcs8);
    }

    private static List<IdentityEntry> Identities(List<OrgMaterial> orgs)
    {
        var identities = new List<IdentityEntry>(orgs.Count * 2);
        foreach (var org in orgs)
        {
            identities.Add(IdentityOf(org.Name, NetworkLayout.AdminUser, MemberRole.Admin));
            identities.Add(IdentityOf(org.Name, NetworkLayout.ClientUser, MemberRole.Client));
        }

        return identities;
    }

    private static IdentityEntry IdentityOf(string org, string user, MemberRole role) =>
        new($"{user}.{org}", org, MemberRoles.Format(role), $"{NetworkLayout.OrgsFolder}/{org}/{NetworkLayout.UsersFolder}/{user}");

    private sealed record OrgMaterial(string Name, IssuedCa Ca, IssuedCa TlsCa, IssuedIdentity Admin, IssuedIdentity Client);
}

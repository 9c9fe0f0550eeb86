namespace Chainweave.Core.Genesis;

/// <summary>File and folder names of a network folder and a node home (docs/network-layout.md).</summary>
public static class NetworkLayout
{
    public const string NetworkFileName = "network.json";
    public const string GenesisFileName = "genesis.json";
    public const string NodeFileName = "node.json";

    public const string OrgsFolder = "orgs";
    public const string NodesFolder = "nodes";
    public const string CaFolder = "ca";

    /// <summary>On sm chains only: the organisation's P-256 CA for TLS certificates.</summary>
    public const string TlsCaFolder = "tlsca";
    public const string UsersFolder = "users";
    public const string CaCertificateFileName = "ca.crt";
    public const string CaKeyFileName = "ca.key";

    /// <summary>In a node home.</summary>
    public const string KeysFolder = "keys";
    public const string ConsensusCertificateFileName = "consensus.crt";
    public const string ConsensusKeyFileName = "consensus.key";
    public const string TlsCertificateFileName = "tls.crt";
    public const string TlsKeyFileName = "tls.key";

    /// <summary>Every organisation's TLS CA certificate, concatenated: the roots a node trusts for mTLS.</summary>
    public const string TlsCaCertificatesFileName = "tls-ca.crt";
    public const string DataFolder = "data";

    public const string AdminUser = "admin1";
    public const string ClientUser = "client1";
    public const string DefaultIdentity = "client1.org1";
    public const string DefaultDir = ".chainweave";

    public static string OrgName(int index) => $"org{index}";

    public static string NodeName(int index) => $"node{index}";

    /// <summary>The 1-based organisation index of 1-based node <paramref name="nodeIndex"/>.</summary>
    public static int OrgIndexOfNode(int nodeIndex, int orgCount) => ((nodeIndex - 1) % orgCount) + 1;

    /// <summary>The gRPC port of a node; HTTP/JSON is +1 and the peer network +2.</summary>
    public static int GrpcPort(int basePort, int nodeIndex) => basePort + (10 * (nodeIndex - 1));
}

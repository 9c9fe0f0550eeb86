using Chainweave.Api.Config;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Google.Protobuf;

namespace Chainweave.Core.Genesis;

/// <summary>genesis.json: the chain config as protobuf JSON (JsonFormatter with default settings).</summary>
public static class GenesisFile
{
    public static string Format(ChainConfig config) => JsonFormatter.Default.Format(config);

    public static void Save(string path, ChainConfig config) => File.WriteAllText(path, Format(config) + "\n");

    /// <summary>Loads genesis.json from a file path or from the folder holding it.</summary>
    /// <exception cref="ChainError">NETWORK_MISSING when absent, CONFIG_INVALID when malformed or incomplete.</exception>
    public static ChainConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = LayoutFiles.FilePath(path, NetworkLayout.GenesisFileName);
        var text = LayoutFiles.ReadText(file, NetworkLayout.GenesisFileName);
        ChainConfig config;
        try
        {
            config = JsonParser.Default.Parse<ChainConfig>(text);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new ChainError(ErrorCodes.ConfigInvalid, $"{file} is not a valid genesis file: {e.Message} Restore it from the network folder's genesis.json.", e);
        }

        var problem = FindProblem(config);
        return problem is null
            ? config
            : throw new ChainError(ErrorCodes.ConfigInvalid, $"{file} is not a usable genesis file: {problem}");
    }

    /// <summary>The genesis hash: the chain suite's hash of the config's protobuf bytes.</summary>
    public static byte[] Hash(ChainConfig config, ICryptoSuite suite)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(suite);
        return suite.Hash(config.ToByteArray());
    }

    private static string? FindProblem(ChainConfig config)
    {
        if (config.ChainId.Length == 0)
        {
            return "chain_id is empty.";
        }

        if (config.Crypto is not ("nist" or "sm"))
        {
            return $"crypto must be \"nist\" or \"sm\", not \"{config.Crypto}\".";
        }

        if (config.Consensus is not ("solo" or "tbft" or "raft"))
        {
            return $"consensus must be \"solo\", \"tbft\" or \"raft\", not \"{config.Consensus}\".";
        }

        if (config.IdentityMode is not ("cert" or "key"))
        {
            return $"identity_mode must be \"cert\" or \"key\", not \"{config.IdentityMode}\".";
        }

        if (config.Orgs.Count == 0)
        {
            return "it lists no organisations.";
        }

        return config.Validators.Count == 0 ? "it lists no validators." : null;
    }
}

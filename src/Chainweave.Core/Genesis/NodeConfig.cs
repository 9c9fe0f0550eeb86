namespace Chainweave.Core.Genesis;

/// <summary>
/// A node home's node.json. <see cref="DataDir"/> is relative to the home folder; <see cref="Storage"/>
/// is "rocksdb" or "memory" (tests only).
/// </summary>
public sealed record NodeConfig(
    string Name,
    string Org,
    string GrpcListen,
    string HttpListen,
    string P2pListen,
    string DataDir,
    string Storage)
{
    public const string RocksDbStorage = "rocksdb";
    public const string MemoryStorage = "memory";

    /// <summary>Loads node.json from a file path or from the node home holding it.</summary>
    /// <exception cref="Errors.ChainError">NETWORK_MISSING when absent, CONFIG_INVALID when malformed.</exception>
    public static NodeConfig Load(string path)
    {
        var config = LayoutFiles.Load(path, NetworkLayout.NodeFileName, LayoutJsonContext.Default.NodeConfig);
        if (config.Storage is not (RocksDbStorage or MemoryStorage))
        {
            throw new Errors.ChainError(
                Errors.ErrorCodes.ConfigInvalid,
                $"{LayoutFiles.FilePath(path, NetworkLayout.NodeFileName)}: storage must be \"{RocksDbStorage}\" or \"{MemoryStorage}\", not \"{config.Storage}\".");
        }

        return config;
    }

    public void Save(string path) => LayoutFiles.Save(path, this, LayoutJsonContext.Default.NodeConfig);
}

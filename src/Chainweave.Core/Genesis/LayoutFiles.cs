using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Chainweave.Core.Errors;

namespace Chainweave.Core.Genesis;

/// <summary>Reads and writes the JSON files of a network folder with errors that say what to do.</summary>
internal static class LayoutFiles
{
    /// <summary>A path to a folder (existing or not) means the file <paramref name="fileName"/> inside it.</summary>
    public static string FilePath(string path, string fileName) =>
        File.Exists(path) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? path : Path.Combine(path, fileName);

    public static T Load<T>(string path, string fileName, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = FilePath(path, fileName);
        var text = ReadText(file, fileName);
        try
        {
            return JsonSerializer.Deserialize(text, typeInfo)
                ?? throw new ChainError(ErrorCodes.ConfigInvalid, $"{file} is empty (null); {RecreateHint(file, fileName)}");
        }
        catch (JsonException e)
        {
            throw new ChainError(ErrorCodes.ConfigInvalid, $"{file} is not a valid {fileName}: {e.Message} Fix it, or {RecreateHint(file, fileName)}", e);
        }
    }

    public static void Save<T>(string path, T value, JsonTypeInfo<T> typeInfo) =>
        File.WriteAllText(path, JsonSerializer.Serialize(value, typeInfo) + "\n");

    /// <summary>The file's text; NETWORK_MISSING when it does not exist.</summary>
    public static string ReadText(string file, string fileName)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ChainError(ErrorCodes.NetworkMissing, $"{file} not found: there is no network there. Run `chainweave init --dir {NetworkDirOf(file, fileName)}` first, or pass the right --dir.", e);
        }
    }

    private static string RecreateHint(string file, string fileName) =>
        $"delete the network folder and run `chainweave init --dir {NetworkDirOf(file, fileName)}` again.";

    /// <summary>Best guess at the network folder: node files sit two levels below it (nodes/&lt;node&gt;/).</summary>
    private static string NetworkDirOf(string file, string fileName)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        if (fileName == NetworkLayout.NodeFileName)
        {
            folder = Path.GetDirectoryName(Path.GetDirectoryName(folder)) ?? folder;
        }

        return folder;
    }
}

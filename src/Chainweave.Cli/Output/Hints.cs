namespace Chainweave.Cli.Output;

/// <summary>Ready-to-paste follow-up commands, spelled the way the user started this one.</summary>
internal static class Hints
{
    /// <summary>The root script exports how it was called (e.g. "./chainweave"), so hints can be pasted as they are.</summary>
    public const string ProgramVariable = "CHAINWEAVE_PROGRAM";

    public static string Program =>
        Environment.GetEnvironmentVariable(ProgramVariable) is { Length: > 0 } program ? program : "chainweave";

    /// <summary>" --network DIR" unless DIR is the default, so hints stay short in the common case.</summary>
    public static string NetworkArgument(string networkDir) =>
        IsDefaultDir(networkDir) ? "" : $" --network {Quote(networkDir)}";

    public static string Quote(string value) =>
        value.Length > 0 && value.AsSpan().IndexOfAny(" \t'\"$`\\*?;&|<>()") < 0 ? value : $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static bool IsDefaultDir(string dir)
    {
        var full = Path.GetFullPath(dir);
        var defaultFull = Path.GetFullPath(Core.Genesis.NetworkLayout.DefaultDir);
        return string.Equals(full.TrimEnd('/'), defaultFull.TrimEnd('/'), StringComparison.Ordinal);
    }
}

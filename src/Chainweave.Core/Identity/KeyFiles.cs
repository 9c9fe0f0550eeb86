namespace Chainweave.Core.Identity;

/// <summary>Writes certificates and private keys as PEM files; private keys readable by the owner only.</summary>
internal static class KeyFiles
{
    public static void WriteCertificates(string path, params ReadOnlySpan<byte[]> certificatesDer)
    {
        var text = new System.Text.StringBuilder();
        foreach (var der in certificatesDer)
        {
            text.Append(PemBlocks.Encode(PemBlocks.Certificate, der));
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Creates the file with mode 0600 from the start, so the key is never readable by others.</summary>
    public static void WritePrivateKey(string path, byte[] pkcs8Der)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options))
        {
            writer.Write(PemBlocks.Encode(PemBlocks.PrivateKey, pkcs8Der));
        }

        // UnixCreateMode applies only to new files; an existing file keeps its mode unless reset.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}

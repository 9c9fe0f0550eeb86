using System.Text;

namespace Chainweave.Cli.Hosting;

/// <summary>The last lines of a log file, read from its end so a large log costs no more than a small one.</summary>
internal static class LogTail
{
    private const int MaxBytes = 64 * 1024;

    public static string Read(string path, int lines)
    {
        if (!File.Exists(path))
        {
            return "(no log yet)";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var start = Math.Max(0, stream.Length - MaxBytes);
        stream.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[stream.Length - start];
        stream.ReadExactly(buffer);
        var all = Encoding.UTF8.GetString(buffer).TrimEnd('\n').Split('\n');

        // Reading from the middle of the file can cut the first line short: drop it unless it is all we have.
        var first = start > 0 && all.Length > 1 ? 1 : 0;
        var from = Math.Max(first, all.Length - lines);
        return string.Join('\n', all[from..]);
    }
}

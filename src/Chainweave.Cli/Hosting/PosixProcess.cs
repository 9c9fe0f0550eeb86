using System.Runtime.InteropServices;

namespace Chainweave.Cli.Hosting;

/// <summary>SIGTERM for child processes: .NET's Process.Kill only sends SIGKILL, which skips a graceful stop.</summary>
internal static partial class PosixProcess
{
    private const int SigTerm = 15;

    /// <summary>Asks a process to stop; false when it no longer exists.</summary>
    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

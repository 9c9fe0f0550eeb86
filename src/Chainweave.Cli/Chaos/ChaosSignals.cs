using System.Runtime.InteropServices;

namespace Chainweave.Cli.Chaos;

/// <summary>The POSIX signals chaos sends to node processes; .NET's Process only offers SIGKILL.</summary>
internal static partial class ChaosSignals
{
    // Linux numbering (x64 and arm64).
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    public static bool Kill(int pid) => Send(pid, SigKill) == 0;

    public static bool Terminate(int pid) => Send(pid, SigTerm) == 0;

    public static bool Pause(int pid) => Send(pid, SigStop) == 0;

    public static bool Resume(int pid) => Send(pid, SigCont) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Send(int pid, int signal);
}

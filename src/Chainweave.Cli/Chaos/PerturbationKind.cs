namespace Chainweave.Cli.Chaos;

public enum PerturbationKind
{
    /// <summary>SIGKILL of a random validator, then a restart.</summary>
    KillRestart,

    /// <summary>SIGSTOP of the next proposer for a few seconds, then SIGCONT.</summary>
    StopContinue,

    /// <summary>Every node stopped (SIGTERM) and started again.</summary>
    RestartAll,
}

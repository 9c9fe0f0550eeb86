namespace Chainweave.Cli.Chaos;

/// <summary>How many perturbations of each kind were applied, and after how many the network committed again.</summary>
internal sealed class PerturbationTally
{
    private readonly int[] _applied = new int[3];
    private readonly int[] _survived = new int[3];

    public static IReadOnlyList<PerturbationKind> Kinds { get; } = [PerturbationKind.KillRestart, PerturbationKind.StopContinue, PerturbationKind.RestartAll];

    public void Applied(PerturbationKind kind) => _applied[(int)kind]++;

    public void Survived(PerturbationKind kind) => _survived[(int)kind]++;

    public int AppliedOf(PerturbationKind kind) => _applied[(int)kind];

    public int SurvivedOf(PerturbationKind kind) => _survived[(int)kind];

    public int TotalApplied => _applied.Sum();

    public int TotalSurvived => _survived.Sum();

    public static string JsonName(PerturbationKind kind) => kind switch
    {
        PerturbationKind.KillRestart => "killRestart",
        PerturbationKind.StopContinue => "stopContinue",
        _ => "restartAll",
    };
}

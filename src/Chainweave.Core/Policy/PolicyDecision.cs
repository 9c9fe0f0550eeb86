namespace Chainweave.Core.Policies;

/// <summary>Whether a policy is met, and a sentence for the user when it is not.</summary>
public readonly record struct PolicyDecision(bool Satisfied, string Reason)
{
    public static PolicyDecision Met { get; } = new(true, string.Empty);

    public static PolicyDecision NotMet(string reason) => new(false, reason);
}

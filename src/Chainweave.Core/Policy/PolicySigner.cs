namespace Chainweave.Core.Policies;

/// <summary>One verified signer of a transaction (its sender or an endorser), as a policy sees it.</summary>
public readonly record struct PolicySigner(string OrgId, string Role);

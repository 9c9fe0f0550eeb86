using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Chainweave.Core.Identity;

namespace Chainweave.Cli.Commands;

/// <summary>
/// Who co-signs a contract lifecycle transaction. The default policy (MAJORITY of the organisations'
/// admins, the sender counting) is met with the admin identities network.json lists, one per other
/// organisation, as few as a majority needs; `--endorse` names them instead.
/// </summary>
internal static class ContractCommandEndorsers
{
    public const string None = "none";

    /// <summary>The identity names to endorse with, in signing order.</summary>
    /// <param name="orgCount">Organisations in the chain's configuration.</param>
    public static IReadOnlyList<string> Choose(NetworkManifest network, string sender, string? endorseOption, int orgCount)
    {
        if (endorseOption is not null)
        {
            return Explicit(network, sender, endorseOption);
        }

        var senderEntry = network.FindIdentity(sender);
        var senderIsAdmin = senderEntry is not null && string.Equals(senderEntry.Role, MemberRoles.AdminText, StringComparison.Ordinal);
        var needed = MajorityOf(orgCount) - (senderIsAdmin ? 1 : 0);
        var chosen = new List<string>(Math.Max(needed, 0));
        var orgsCovered = new HashSet<string>(StringComparer.Ordinal);
        if (senderIsAdmin)
        {
            orgsCovered.Add(senderEntry!.Org);
        }

        foreach (var identity in network.Identities)
        {
            if (chosen.Count >= needed)
            {
                break;
            }

            if (string.Equals(identity.Role, MemberRoles.AdminText, StringComparison.Ordinal) && orgsCovered.Add(identity.Org))
            {
                chosen.Add(identity.Name);
            }
        }

        if (chosen.Count < needed)
        {
            var have = orgsCovered.Count;
            throw new ChainError(CliErrorCodes.ArgumentInvalid,
                $"a majority of the {orgCount} organisations' admins ({MajorityOf(orgCount)}) must sign, but network.json holds admin identities of only {have} organisation(s){(senderIsAdmin ? " including the sender's" : $" and the sender {sender} is not an admin")}: pass --identity admin1.ORG and --endorse with admins of other organisations");
        }

        return chosen;
    }

    /// <summary>More than half.</summary>
    public static int MajorityOf(int orgCount) => (orgCount / 2) + 1;

    private static IReadOnlyList<string> Explicit(NetworkManifest network, string sender, string option)
    {
        var trimmed = option.Trim();
        if (trimmed.Length == 0 || string.Equals(trimmed, None, StringComparison.Ordinal))
        {
            return [];
        }

        var names = new List<string>();
        foreach (var part in trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (network.FindIdentity(part) is null)
            {
                throw new ChainError(CliErrorCodes.ArgumentInvalid,
                    $"--endorse names `{part}`, which network.json does not list; known identities: {string.Join(", ", network.Identities.Select(i => i.Name))}");
            }

            if (string.Equals(part, sender, StringComparison.Ordinal) || names.Contains(part))
            {
                throw new ChainError(CliErrorCodes.ArgumentInvalid, $"--endorse names `{part}` twice (the sender signs anyway): list each other signer once");
            }

            names.Add(part);
        }

        return names;
    }
}

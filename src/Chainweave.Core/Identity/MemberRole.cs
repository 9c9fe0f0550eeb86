namespace Chainweave.Core.Identity;

/// <summary>What a member may do, carried in its certificate's OU.</summary>
public enum MemberRole
{
    Admin = 0,
    Client = 1,
    Consensus = 2,
    Common = 3,
}

/// <summary>Converts roles to and from the OU strings used in certificates and policies.</summary>
public static class MemberRoles
{
    public const string AdminText = "admin";
    public const string ClientText = "client";
    public const string ConsensusText = "consensus";
    public const string CommonText = "common";

    public static string Format(MemberRole role) => role switch
    {
        MemberRole.Admin => AdminText,
        MemberRole.Client => ClientText,
        MemberRole.Consensus => ConsensusText,
        MemberRole.Common => CommonText,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown member role."),
    };

    /// <summary>Parses an OU string, ignoring case; false for anything else.</summary>
    public static bool TryParse(string? text, out MemberRole role)
    {
        if (string.Equals(text, AdminText, StringComparison.OrdinalIgnoreCase))
        {
            role = MemberRole.Admin;
            return true;
        }

        if (string.Equals(text, ClientText, StringComparison.OrdinalIgnoreCase))
        {
            role = MemberRole.Client;
            return true;
        }

        if (string.Equals(text, ConsensusText, StringComparison.OrdinalIgnoreCase))
        {
            role = MemberRole.Consensus;
            return true;
        }

        if (string.Equals(text, CommonText, StringComparison.OrdinalIgnoreCase))
        {
            role = MemberRole.Common;
            return true;
        }

        role = default;
        return false;
    }
}

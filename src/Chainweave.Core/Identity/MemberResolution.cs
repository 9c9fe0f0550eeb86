using System.Diagnostics.CodeAnalysis;
using Chainweave.Core.Errors;

namespace Chainweave.Core.Identity;

/// <summary>Outcome of <see cref="MemberResolver.Resolve"/>: a member, or an error code and a sentence.</summary>
public readonly struct MemberResolution : IEquatable<MemberResolution>
{
    private MemberResolution(ResolvedMember? member, string? errorCode, string? errorMessage)
    {
        Member = member;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
    }

    public ResolvedMember? Member { get; }

    /// <summary>One of <see cref="ErrorCodes"/>' TX_MEMBER_*/TX_UNKNOWN_MEMBER codes when not resolved.</summary>
    public string? ErrorCode { get; }

    public string? ErrorMessage { get; }

    [MemberNotNullWhen(true, nameof(Member))]
    [MemberNotNullWhen(false, nameof(ErrorCode), nameof(ErrorMessage))]
    public bool IsResolved => Member is not null;

    public static MemberResolution Resolved(ResolvedMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new(member, null, null);
    }

    public static MemberResolution Failed(string errorCode, string errorMessage) => new(null, errorCode, errorMessage);

    /// <summary>The failure as an exception, for edges (API, CLI) that report errors by throwing.</summary>
    public ChainError ToError() =>
        IsResolved
            ? throw new InvalidOperationException("The member was resolved; there is no error.")
            : new ChainError(ErrorCode, ErrorMessage);

    public static bool operator ==(MemberResolution left, MemberResolution right) => left.Equals(right);

    public static bool operator !=(MemberResolution left, MemberResolution right) => !left.Equals(right);

    public bool Equals(MemberResolution other) =>
        ReferenceEquals(Member, other.Member)
        && string.Equals(ErrorCode, other.ErrorCode, StringComparison.Ordinal)
        && string.Equals(ErrorMessage, other.ErrorMessage, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is MemberResolution other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Member, ErrorCode, ErrorMessage);

    public override string ToString() => IsResolved ? $"{Member.CommonName} ({Member.OrgId})" : $"{ErrorCode}: {ErrorMessage}";
}

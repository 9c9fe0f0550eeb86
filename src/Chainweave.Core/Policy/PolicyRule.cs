using System.Globalization;

namespace Chainweave.Core.Policies;

/// <summary>How many of a policy's organisations must approve.</summary>
public enum PolicyRuleKind
{
    /// <summary>At least one organisation.</summary>
    Any,

    /// <summary>More than half of the organisations.</summary>
    Majority,

    /// <summary>Every organisation.</summary>
    All,

    /// <summary>The organisation the resource belongs to (a contract's installer, else the sender's).</summary>
    Self,

    /// <summary>Nobody, ever.</summary>
    Forbidden,

    /// <summary>At least <see cref="PolicyRule.Count"/> organisations.</summary>
    AtLeast,

    /// <summary>At least <see cref="PolicyRule.Numerator"/>/<see cref="PolicyRule.Denominator"/> of the organisations, rounded up.</summary>
    Fraction,
}

/// <summary>A parsed policy rule: <c>ANY</c>, <c>MAJORITY</c>, <c>ALL</c>, <c>SELF</c>, <c>FORBIDDEN</c>, <c>n</c> or <c>a/b</c>.</summary>
public sealed record PolicyRule(PolicyRuleKind Kind, int Count = 0, int Numerator = 0, int Denominator = 1)
{
    public static PolicyRule Any { get; } = new(PolicyRuleKind.Any);

    public static PolicyRule Majority { get; } = new(PolicyRuleKind.Majority);

    public static PolicyRule All { get; } = new(PolicyRuleKind.All);

    public static PolicyRule Self { get; } = new(PolicyRuleKind.Self);

    public static PolicyRule Forbidden { get; } = new(PolicyRuleKind.Forbidden);

    /// <summary>Parses a rule (keywords case-insensitive); false with a sentence saying why when it is not one.</summary>
    public static bool TryParse(string? text, out PolicyRule rule, out string error)
    {
        rule = Forbidden;
        error = string.Empty;
        var trimmed = (text ?? string.Empty).Trim();
        switch (trimmed.ToUpperInvariant())
        {
            case "ANY":
                rule = Any;
                return true;
            case "MAJORITY":
                rule = Majority;
                return true;
            case "ALL":
                rule = All;
                return true;
            case "SELF":
                rule = Self;
                return true;
            case "FORBIDDEN":
                rule = Forbidden;
                return true;
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
            {
                rule = new PolicyRule(PolicyRuleKind.AtLeast, Count: count);
                return true;
            }
        }
        else if (int.TryParse(trimmed.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var numerator)
            && int.TryParse(trimmed.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var denominator)
            && numerator >= 1 && denominator >= 1 && numerator <= denominator)
        {
            rule = new PolicyRule(PolicyRuleKind.Fraction, Numerator: numerator, Denominator: denominator);
            return true;
        }

        error = $"'{trimmed}' is not a policy rule: use ANY, MAJORITY, ALL, SELF, FORBIDDEN, a count n >= 1, or a fraction a/b with 1 <= a <= b.";
        return false;
    }

    /// <summary>
    /// Organisations needed out of <paramref name="total"/>; <see cref="int.MaxValue"/> when the rule
    /// can never be met (FORBIDDEN, or no organisation in scope). SELF needs 1, but a specific one.
    /// </summary>
    public int Required(int total)
    {
        if (total <= 0 || Kind == PolicyRuleKind.Forbidden)
        {
            return int.MaxValue;
        }

        return Kind switch
        {
            PolicyRuleKind.Any or PolicyRuleKind.Self => 1,
            PolicyRuleKind.Majority => (total / 2) + 1,
            PolicyRuleKind.All => total,
            PolicyRuleKind.AtLeast => Count,
            PolicyRuleKind.Fraction => (int)(((long)Numerator * total + Denominator - 1) / Denominator),
            _ => int.MaxValue,
        };
    }

    public override string ToString() => Kind switch
    {
        PolicyRuleKind.AtLeast => Count.ToString(CultureInfo.InvariantCulture),
        PolicyRuleKind.Fraction => string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}"),
        _ => Kind.ToString().ToUpperInvariant(),
    };
}

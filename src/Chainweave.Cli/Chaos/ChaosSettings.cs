using System.Globalization;
using Chainweave.Core.Errors;

namespace Chainweave.Cli.Chaos;

/// <summary>What one `chaos` run does: where, for how long, at which load, and which seed picks the perturbations.</summary>
internal sealed record ChaosSettings(string? Dir, bool Keep, TimeSpan Duration, double Rate, int Seed, bool Json)
{
    /// <summary>How long a submit waits for its commit; a stopped node makes some submits wait this long.</summary>
    public TimeSpan CommitWait { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>"90s", "2m", "1m30s" or a bare number of seconds.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
        {
            return Positive(TimeSpan.FromSeconds(bare), text);
        }

        var total = TimeSpan.Zero;
        var number = 0;
        var any = false;
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiDigit(c))
            {
                number = checked((number * 10) + (c - '0'));
                any = true;
                continue;
            }

            if (!any)
            {
                throw Invalid(text);
            }

            total += c switch
            {
                'h' => TimeSpan.FromHours(number),
                'm' => TimeSpan.FromMinutes(number),
                's' => TimeSpan.FromSeconds(number),
                _ => throw Invalid(text),
            };
            number = 0;
            any = false;
        }

        return any ? throw Invalid(text) : Positive(total, text);
    }

    private static TimeSpan Positive(TimeSpan value, string text) =>
        value > TimeSpan.Zero ? value : throw Invalid(text);

    private static ChainError Invalid(string text) =>
        new(CliErrorCodes.ArgumentInvalid, $"--duration must be a positive time such as 60s, 2m or 1m30s, not '{text}'");
}

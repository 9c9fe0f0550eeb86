using Microsoft.Extensions.Logging;

namespace Chainweave.Node.Hosting;

/// <summary>What a caller (CLI or test) may change about a node beyond its home folder.</summary>
public sealed record NodeHostOptions
{
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The node's clock; tests inject one to check timestamps deterministically.</summary>
    public TimeProvider? Clock { get; init; }
}

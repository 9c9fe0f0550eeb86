using Microsoft.Extensions.Logging;

namespace Chainweave.Cli.Hosting;

/// <summary>Console logging for a node run from the command line: one line per entry, UTC timestamps.</summary>
internal static class NodeLogging
{
    public static ILoggerFactory CreateConsole() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Grpc", LogLevel.Warning)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
        }));
}

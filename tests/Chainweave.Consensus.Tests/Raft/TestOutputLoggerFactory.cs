using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Chainweave.Consensus.Tests.Raft;

/// <summary>Engine logs (information and above) in the test's output, to explain a failure.</summary>
internal sealed class TestOutputLoggerFactory : ILoggerFactory
{
    private readonly ITestOutputHelper _output;

    public TestOutputLoggerFactory(ITestOutputHelper output)
    {
        _output = output;
    }

    public ILogger CreateLogger(string categoryName) => new OutputLogger(_output, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
        // Everything goes to the test output.
    }

    public void Dispose()
    {
        // Nothing to release.
    }

    private sealed class OutputLogger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " | " + exception.GetType().Name + ": " + exception.Message)}");
            }
            catch (InvalidOperationException)
            {
                // Background threads may still log after the test has finished.
            }
        }
    }
}

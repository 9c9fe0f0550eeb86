using Microsoft.Extensions.Logging;

namespace Chainweave.Consensus.Raft;

/// <summary>
/// Hands DotNext loggers that drop messages below a level, without touching the node's own logging
/// configuration. The wrapped factory is owned by the caller.
/// </summary>
internal sealed class LevelFilteredLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory _inner;
    private readonly LogLevel _minimum;

    public LevelFilteredLoggerFactory(ILoggerFactory inner, LogLevel minimum)
    {
        _inner = inner;
        _minimum = minimum;
    }

    public ILogger CreateLogger(string categoryName) => new FilteredLogger(_inner.CreateLogger(categoryName), _minimum);

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public void Dispose()
    {
        // The inner factory belongs to the node.
    }

    private sealed class FilteredLogger : ILogger
    {
        private readonly ILogger _inner;
        private readonly LogLevel _minimum;

        public FilteredLogger(ILogger inner, LogLevel minimum)
        {
            _inner = inner;
            _minimum = minimum;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => _inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && _inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}

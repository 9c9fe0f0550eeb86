namespace Chainweave.Cli.Output;

/// <summary>Where a command writes: passed in so tests capture output in process.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error);

namespace Chainweave.Core.Errors;

/// <summary>
/// An error a user can act on: a stable machine-readable code and a sentence saying what went wrong
/// and what to do. Thrown at the edges (CLI, API, config loading); hot paths return codes instead.
/// </summary>
public sealed class ChainError : Exception
{
    public ChainError(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public ChainError(string code, string message, Exception inner)
        : base(message, inner)
    {
        Code = code;
    }

    public string Code { get; }

    public override string ToString() => $"{Code}: {Message}";
}

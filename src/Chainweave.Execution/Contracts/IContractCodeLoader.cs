namespace Chainweave.Execution.Contracts;

/// <summary>
/// Turns installed code into a runnable contract. The WebAssembly engine implements it; Execution
/// only sees this shape, so it needs no reference to the engine.
/// </summary>
public interface IContractCodeLoader
{
    /// <summary>The code's identity (SHA-256 of the bytes for WebAssembly).</summary>
    byte[] CodeHash(ReadOnlySpan<byte> code);

    /// <summary>Install-time check: the methods, or a typed refusal (code and sentence).</summary>
    CodeCheck Validate(ReadOnlySpan<byte> code);

    /// <summary>A contract named <paramref name="name"/> running <paramref name="code"/>; throws ChainError when the code is unusable.</summary>
    IContract Load(string name, byte[] codeHash, byte[] code);
}

/// <summary>The outcome of <see cref="IContractCodeLoader.Validate"/>.</summary>
public sealed record CodeCheck(bool Ok, string Code, string Message, IReadOnlyList<string> Methods);

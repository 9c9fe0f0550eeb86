using Wasmtime;

namespace Chainweave.Contracts.Wasm;

/// <summary>A validated, compiled module and the methods it exports.</summary>
internal sealed class CompiledModule
{
    public CompiledModule(Module module, IReadOnlyList<string> methods)
    {
        Module = module;
        Methods = methods;
        MethodSet = new HashSet<string>(methods, StringComparer.Ordinal);
    }

    public Module Module { get; }

    public IReadOnlyList<string> Methods { get; }

    public HashSet<string> MethodSet { get; }
}

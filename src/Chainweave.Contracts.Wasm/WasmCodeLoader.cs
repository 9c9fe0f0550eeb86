using Chainweave.Execution.Contracts;

namespace Chainweave.Contracts.Wasm;

/// <summary>Installed WebAssembly code for the execution layer's registry, over the node's one engine.</summary>
public sealed class WasmCodeLoader : IContractCodeLoader
{
    private readonly WasmEngine _engine;

    public WasmCodeLoader(WasmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
    }

    public byte[] CodeHash(ReadOnlySpan<byte> code) => WasmEngine.CodeHash(code);

    public CodeCheck Validate(ReadOnlySpan<byte> code)
    {
        var result = _engine.Validate(code);
        return new CodeCheck(result.Ok, result.Code, result.Message, result.Methods);
    }

    public IContract Load(string name, byte[] codeHash, byte[] code) => new WasmContract(name, code, _engine);
}

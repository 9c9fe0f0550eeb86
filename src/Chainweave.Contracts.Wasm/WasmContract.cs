using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Execution.Contracts;

namespace Chainweave.Contracts.Wasm;

/// <summary>
/// A contract whose code is a WebAssembly module. Each call gets a fresh store and instance, with
/// fuel equal to the context's remaining gas; the gas burnt is charged back to the context.
/// Methods are the module's exported <c>() -> ()</c> functions (names not starting with '_').
/// Every method may be called as a query: in a read-only context a write, event or delete traps
/// with <see cref="WasmErrorCodes.ReadOnly"/>.
/// </summary>
public sealed class WasmContract : IContract
{
    private readonly WasmEngine _engine;
    private readonly byte[] _code;
    private readonly HashSet<string> _methods;
    private readonly string _cacheKey;

    /// <summary>Validates and compiles the module; throws <see cref="ChainError"/> with a WASM_* code when it is unusable.</summary>
    public WasmContract(string name, byte[] code, WasmEngine engine)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(engine);
        Name = name;
        _engine = engine;
        _code = code;
        CodeHash = WasmEngine.CodeHash(code);
        _cacheKey = WasmEngine.CacheKey(CodeHash);
        var compiled = engine.Load(_cacheKey, code);
        Methods = compiled.Methods;
        _methods = compiled.MethodSet;
    }

    public string Name { get; }

    /// <summary>SHA-256 of the module bytes.</summary>
    public byte[] CodeHash { get; }

    public IReadOnlyList<string> Methods { get; }

    public bool HasMethod(string method) => _methods.Contains(method);

    /// <summary>Always true: see the class remarks for how writes in a query are refused.</summary>
    public bool IsReadOnly(string method) => true;

    public ContractResponse Invoke(IContractContext context, string method, IReadOnlyList<Arg> args)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(args);
        if (!_methods.Contains(method))
        {
            return ContractResponse.Error(ErrorCodes.UnknownMethod, $"Contract '{Name}' has no method '{method}'.");
        }

        var compiled = _engine.Load(_cacheKey, _code);
        return WasmInvocation.Run(_engine, compiled, Name, context, method, args);
    }
}

using System.Collections.Frozen;
using Wasmtime;

namespace Chainweave.Contracts.Wasm;

/// <summary>
/// The host interface a module may import: <c>chainweave_v1</c>, plus AssemblyScript's
/// <c>env.abort</c>. Anything else is refused at install. docs/contract-abi.md describes each.
/// </summary>
public static class HostImports
{
    public const string Module = "chainweave_v1";
    public const string AssemblyScriptModule = "env";

    private static readonly ValueKind[] None = [];
    private static readonly ValueKind[] I32 = [ValueKind.Int32];
    private static readonly ValueKind[] I64 = [ValueKind.Int64];

    /// <summary>"module.name" → (parameters, results).</summary>
    internal static FrozenDictionary<string, (ValueKind[] Parameters, ValueKind[] Results)> Signatures { get; } = new Dictionary<string, (ValueKind[], ValueKind[])>
    {
        [$"{Module}.state_get"] = (Int32s(2), I32),
        [$"{Module}.state_put"] = (Int32s(4), None),
        [$"{Module}.state_delete"] = (Int32s(2), None),
        [$"{Module}.state_range"] = (Int32s(5), I32),
        [$"{Module}.result_read"] = (Int32s(1), None),
        [$"{Module}.arg_get"] = (Int32s(2), I32),
        [$"{Module}.args_all"] = (None, I32),
        [$"{Module}.sender_cert_hash"] = (None, I32),
        [$"{Module}.sender_org"] = (None, I32),
        [$"{Module}.sender_role"] = (None, I32),
        [$"{Module}.tx_id"] = (None, I32),
        [$"{Module}.block_height"] = (None, I64),
        [$"{Module}.block_time_ms"] = (None, I64),
        [$"{Module}.emit"] = (Int32s(4), None),
        [$"{Module}.return_value"] = (Int32s(2), None),
        [$"{Module}.revert"] = (Int32s(4), None),
        [$"{Module}.call"] = (Int32s(6), I32),
        [$"{Module}.debug_log"] = (Int32s(2), None),
        [$"{AssemblyScriptModule}.abort"] = (Int32s(4), None),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static void DefineAll(Linker linker)
    {
        StateImports.Define(linker);
        ContextImports.Define(linker);
        ControlImports.Define(linker);
    }

    private static ValueKind[] Int32s(int count)
    {
        var kinds = new ValueKind[count];
        Array.Fill(kinds, ValueKind.Int32);
        return kinds;
    }
}

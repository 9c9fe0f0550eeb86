using System.Text;
using Wasmtime;

namespace Chainweave.Contracts.Wasm;

/// <summary>Host imports that describe the call: arguments, sender, transaction and block.</summary>
internal static class ContextImports
{
    public static void Define(Linker linker)
    {
        linker.DefineFunction(HostImports.Module, "arg_get", new CallerFunc<int, int, int>(ArgGet));
        linker.DefineFunction(HostImports.Module, "args_all", new CallerFunc<int>(ArgsAll));
        linker.DefineFunction(HostImports.Module, "sender_cert_hash", new CallerFunc<int>(SenderCertHash));
        linker.DefineFunction(HostImports.Module, "sender_org", new CallerFunc<int>(SenderOrg));
        linker.DefineFunction(HostImports.Module, "sender_role", new CallerFunc<int>(SenderRole));
        linker.DefineFunction(HostImports.Module, "tx_id", new CallerFunc<int>(TxId));
        linker.DefineFunction(HostImports.Module, "block_height", new CallerFunc<long>(BlockHeight));
        linker.DefineFunction(HostImports.Module, "block_time_ms", new CallerFunc<long>(BlockTimeMs));
    }

    /// <summary>The first argument named by the UTF-8 name, as a pending result; -1 when absent.</summary>
    private static int ArgGet(Caller caller, int namePtr, int nameLength)
    {
        var call = StateImports.Of(caller);
        call.Charge(caller, HostFees.CallBase + ((ulong)Math.Max(nameLength, 0) * HostFees.PerByte));
        var name = call.Input(caller, namePtr, nameLength, HostLimits.MaxNameBytes, "argument name");
        var args = call.Args;
        for (var i = 0; i < args.Count; i++)
        {
            if (Matches(args[i].Key, name))
            {
                var value = args[i].Value;
                call.Pending = value.ToByteArray();
                return value.Length;
            }
        }

        call.Pending = [];
        return -1;
    }

    private static int ArgsAll(Caller caller)
    {
        var call = StateImports.Of(caller);
        call.Charge(caller, HostFees.CallBase);
        return Produce(call, WireFormat.EncodeArgs(call.Args));
    }

    private static int SenderCertHash(Caller caller)
    {
        var call = StateImports.Of(caller);
        return Produce(call, call.Charge(caller, HostFees.CallBase).Sender.CertHash);
    }

    private static int SenderOrg(Caller caller)
    {
        var call = StateImports.Of(caller);
        return Produce(call, Encoding.UTF8.GetBytes(call.Charge(caller, HostFees.CallBase).Sender.OrgId));
    }

    private static int SenderRole(Caller caller)
    {
        var call = StateImports.Of(caller);
        return Produce(call, Encoding.UTF8.GetBytes(call.Charge(caller, HostFees.CallBase).Sender.Role));
    }

    private static int TxId(Caller caller)
    {
        var call = StateImports.Of(caller);
        return Produce(call, call.Charge(caller, HostFees.CallBase).TxId.ToArray());
    }

    private static long BlockHeight(Caller caller) =>
        (long)StateImports.Of(caller).Charge(caller, HostFees.CallBase).BlockHeight;

    private static long BlockTimeMs(Caller caller) =>
        StateImports.Of(caller).Charge(caller, HostFees.CallBase).BlockTimeMs;

    private static int Produce(HostCall call, byte[] data)
    {
        call.Pending = data;
        return data.Length;
    }

    /// <summary>Ordinal comparison of a string key with UTF-8 bytes, without allocating.</summary>
    private static bool Matches(string key, ReadOnlySpan<byte> utf8)
    {
        if (Encoding.UTF8.GetByteCount(key) != utf8.Length)
        {
            return false;
        }

        Span<byte> buffer = utf8.Length <= 256 ? stackalloc byte[utf8.Length] : new byte[utf8.Length];
        Encoding.UTF8.GetBytes(key, buffer);
        return buffer.SequenceEqual(utf8);
    }
}

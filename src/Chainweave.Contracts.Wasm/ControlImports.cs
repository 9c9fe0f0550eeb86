using System.Runtime.ExceptionServices;
using System.Text;
using Chainweave.Execution.Contracts;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace Chainweave.Contracts.Wasm;

/// <summary>Host imports that end or extend a call: return, revert, events, nested calls, logging.</summary>
internal static class ControlImports
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static readonly Action<ILogger, string, string, Exception?> LogContractDebug =
        LoggerMessage.Define<string, string>(LogLevel.Debug, new EventId(1, "ContractDebugLog"), "Contract {Contract}: {Message}");

    public static void Define(Linker linker)
    {
        linker.DefineFunction(HostImports.Module, "emit", new CallerAction<int, int, int, int>(Emit));
        linker.DefineFunction(HostImports.Module, "return_value", new CallerAction<int, int>(ReturnValue));
        linker.DefineFunction(HostImports.Module, "revert", new CallerAction<int, int, int, int>(Revert));
        linker.DefineFunction(HostImports.Module, "call", new CallerFunc<int, int, int, int, int, int, int>(CallContract));
        linker.DefineFunction(HostImports.Module, "debug_log", new CallerAction<int, int>(DebugLog));
        linker.DefineFunction(HostImports.AssemblyScriptModule, "abort", new CallerAction<int, int, int, int>(Abort));
    }

    private static void Emit(Caller caller, int topicPtr, int topicLength, int dataPtr, int dataLength)
    {
        var call = StateImports.Of(caller);
        var context = call.Charge(caller, HostFees.CallBase + ((ulong)Math.Max(topicLength, 0) + (ulong)Math.Max(dataLength, 0)) * HostFees.PerByte);
        StateImports.RefuseInQuery(call, context, "emit an event");
        var topicBytes = call.Input(caller, topicPtr, topicLength, HostLimits.MaxTopicBytes, "event topic");
        var data = call.Input(caller, dataPtr, dataLength, HostLimits.MaxEventBytes - topicBytes.Length, "event data");
        var topic = Utf8(call, topicBytes, "event topic");
        var items = WireFormat.DecodeItems(data) ?? throw call.Fail(WasmErrorCodes.BadEncoding, "Event data is not a well-formed item list (u32 count, then u32 length + bytes per item).");
        context.Emit(topic, items);
        call.Resync(caller, context);
    }

    private static void ReturnValue(Caller caller, int ptr, int length)
    {
        var call = StateImports.Of(caller);
        call.Charge(caller, HostFees.CallBase + ((ulong)Math.Max(length, 0) * HostFees.PerByte));
        call.ReturnData = call.Input(caller, ptr, length, HostLimits.MaxReturnBytes, "return value").ToArray();
    }

    private static void Revert(Caller caller, int codePtr, int codeLength, int messagePtr, int messageLength)
    {
        var call = StateImports.Of(caller);
        call.Charge(caller, HostFees.CallBase + ((ulong)Math.Max(codeLength, 0) + (ulong)Math.Min(Math.Max(messageLength, 0), HostLimits.MaxRevertMessageBytes)) * HostFees.PerByte);
        var code = Utf8(call, call.Input(caller, codePtr, codeLength, HostLimits.MaxRevertCodeBytes, "revert code"), "revert code");
        var message = call.Bytes(caller, messagePtr, messageLength);
        var text = Encoding.UTF8.GetString(message[..Math.Min(message.Length, HostLimits.MaxRevertMessageBytes)]);
        throw call.Fail(code.Length == 0 ? "CONTRACT_REVERT" : code, text);
    }

    private static int CallContract(Caller caller, int contractPtr, int contractLength, int methodPtr, int methodLength, int argsPtr, int argsLength)
    {
        var call = StateImports.Of(caller);
        var context = call.Charge(caller, HostFees.NestedCall + ((ulong)Math.Max(contractLength, 0) + (ulong)Math.Max(methodLength, 0) + (ulong)Math.Max(argsLength, 0)) * HostFees.PerByte);
        if (context.CallDepth >= HostLimits.MaxCallDepth)
        {
            throw call.Fail(WasmErrorCodes.CallDepth, $"Nested calls may go {HostLimits.MaxCallDepth} deep; contract '{call.Contract}' is already at depth {context.CallDepth}.");
        }

        var contract = Utf8(call, call.Input(caller, contractPtr, contractLength, HostLimits.MaxNameBytes, "contract name"), "contract name");
        var method = Utf8(call, call.Input(caller, methodPtr, methodLength, HostLimits.MaxNameBytes, "method name"), "method name");
        var args = WireFormat.DecodeArgs(call.Input(caller, argsPtr, argsLength, HostLimits.MaxCallArgsBytes, "call arguments"))
            ?? throw call.Fail(WasmErrorCodes.BadEncoding, "Call arguments are not a well-formed pair list with UTF-8 keys.");
        ContractResponse response;
        try
        {
            response = context.Call(contract, method, args);
        }
#pragma warning disable CA1031 // Anything the callee throws is node-local: keep it and rethrow it outside Wasmtime.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            call.Fatal = ExceptionDispatchInfo.Capture(ex);
            throw call.Fail(WasmErrorCodes.Trap, $"Nested call {contract}.{method} failed inside the node: {ex.Message}");
        }

        call.Resync(caller, context);
        if (!response.Ok)
        {
            throw call.Fail(response.Code, $"Nested call {contract}.{method} failed: {response.Message}");
        }

        call.Pending = response.Value;
        return response.Value.Length;
    }

    private static void DebugLog(Caller caller, int ptr, int length)
    {
        var call = StateImports.Of(caller);
        call.Charge(caller, HostFees.CallBase + ((ulong)Math.Min(Math.Max(length, 0), HostLimits.MaxLogBytes) * HostFees.PerByte));
        var bytes = call.Bytes(caller, ptr, length);
        if (call.Logger.IsEnabled(LogLevel.Debug))
        {
            LogContractDebug(call.Logger, call.Contract, Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, HostLimits.MaxLogBytes)]), null);
        }
    }

    /// <summary>AssemblyScript's <c>env.abort(message, file, line, column)</c>, with its UTF-16 strings.</summary>
    private static void Abort(Caller caller, int messagePtr, int filePtr, int line, int column)
    {
        var call = StateImports.Of(caller);
        call.Charge(caller, HostFees.CallBase);
        var message = AssemblyScriptString(call, caller, messagePtr);
        var file = AssemblyScriptString(call, caller, filePtr);
        throw call.Fail(WasmErrorCodes.Abort, $"Contract '{call.Contract}' aborted: {message} ({file}:{line}:{column}).");
    }

    /// <summary>An AssemblyScript string: UTF-16LE whose byte length sits in the 4 bytes before it. Best effort, capped.</summary>
    private static string AssemblyScriptString(HostCall call, Caller caller, int ptr)
    {
        var memory = call.Memory ?? caller.GetMemory("memory");
        if (memory is null || ptr < 4 || ptr > memory.GetLength())
        {
            return "?";
        }

        var length = memory.ReadInt32(ptr - 4);
        length = Math.Clamp(length, 0, (int)Math.Min(512, memory.GetLength() - ptr)) & ~1;
        return Encoding.Unicode.GetString(memory.GetSpan(ptr, length));
    }

    private static string Utf8(HostCall call, ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw call.Fail(WasmErrorCodes.BadEncoding, $"The {what} is not valid UTF-8.");
        }
    }
}

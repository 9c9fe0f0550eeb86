namespace Chainweave.Cli.Contracts;

/// <summary>The starter files `contract new` writes.</summary>
internal static class ContractTemplates
{
    public static string IndexTs(string name) => $$"""
        // {{name}}: a Chainweave WebAssembly contract.
        // Each exported function without parameters is a method; arguments are read by name with Args,
        // state lives in Storage (nothing survives in memory between calls), and revert() ends a call
        // with an error code, discarding its writes and events.
        import { Args, Storage, emit, returnBytes, revert } from "./sdk";

        /** put(key, value): stores value under key and emits a "put" event carrying both. */
        export function put(): void {
          const key = Args.require("key");
          const value = Args.require("value");
          if (key.length == 0) revert("TX_BAD_ARGUMENT", "Argument 'key' must not be empty.");
          Storage.set(key, value);
          emit("put", [key, value]);
        }

        /** get(key): the value stored under key, or NOT_FOUND. */
        export function get(): void {
          const value = Storage.get(Args.require("key"));
          if (value == null) revert("NOT_FOUND", "No value under this key.");
          returnBytes(value!);
        }

        """;

    public static string Readme(string name) => $$"""
        # {{name}}

        A Chainweave contract in AssemblyScript. `sdk/` is a copy of the Chainweave contract SDK.

        ```sh
        chainweave contract build .                                   # → build/{{name.ToLowerInvariant()}}.wasm
        chainweave contract install {{name}} --wasm build/{{name.ToLowerInvariant()}}.wasm
        chainweave contract invoke {{name}} put --arg key=greeting --arg value=hello --wait
        chainweave contract query {{name}} get --arg key=greeting
        ```

        """;
}

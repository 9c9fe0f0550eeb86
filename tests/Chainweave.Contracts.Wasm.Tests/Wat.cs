namespace Chainweave.Contracts.Wasm.Tests;

/// <summary>Hand-written modules for the engine's edge cases, in WebAssembly text.</summary>
internal static class Wat
{
    public static byte[] Compile(string text) => Wasmtime.Module.ConvertText(text).ToArray();

    public const string Imports = """
        (import "chainweave_v1" "state_get" (func $state_get (param i32 i32) (result i32)))
        (import "chainweave_v1" "state_put" (func $state_put (param i32 i32 i32 i32)))
        (import "chainweave_v1" "emit" (func $emit (param i32 i32 i32 i32)))
        (import "chainweave_v1" "return_value" (func $return_value (param i32 i32)))
        (import "chainweave_v1" "call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
        """;

    /// <summary>Methods that misbehave; memory holds "k" at 0, "callee" at 16, "boom" at 32, "BAD" at 48, "again" at 64, an empty pair list at 96.</summary>
    public static readonly string Misbehaving = $$"""
        (module
          {{Imports}}
          (memory (export "memory") 2)
          (data (i32.const 0) "k")
          (data (i32.const 16) "callee")
          (data (i32.const 32) "boom")
          (data (i32.const 48) "BAD")
          (data (i32.const 64) "again")
          (func (export "spin") (loop $l (br $l)))
          (func $down (param i32) (result i32) (call $down (i32.add (local.get 0) (i32.const 1))))
          (func (export "recurse") (drop (call $down (i32.const 0))))
          (func (export "oob") (drop (call $state_get (i32.const 131000) (i32.const 1000))))
          (func (export "negative") (drop (call $state_get (i32.const -8) (i32.const 4))))
          (func (export "bigReturn") (call $return_value (i32.const 0) (i32.const 70000)))
          (func (export "bigEvent") (call $emit (i32.const 0) (i32.const 1) (i32.const 128) (i32.const 20000)))
          (func (export "write") (call $state_put (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 1)))
          (func (export "writeThenCall")
            (call $state_put (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 1))
            (drop (call $call (i32.const 16) (i32.const 6) (i32.const 32) (i32.const 4) (i32.const 96) (i32.const 4))))
          (func (export "callSelf")
            (drop (call $call (i32.const 48) (i32.const 3) (i32.const 64) (i32.const 5) (i32.const 96) (i32.const 4))))
          (func (export "again")
            (drop (call $call (i32.const 48) (i32.const 3) (i32.const 64) (i32.const 5) (i32.const 96) (i32.const 4))))
          (func (export "divide") (drop (i32.div_u (i32.const 1) (i32.const 0))))
          (func (export "ok") (call $return_value (i32.const 0) (i32.const 1))))
        """;

    /// <summary>A callee whose only method traps.</summary>
    public const string Callee = """
        (module
          (memory (export "memory") 1)
          (func (export "boom") unreachable))
        """;
}

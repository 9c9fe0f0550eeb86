namespace Chainweave.Execution.Tests;

/// <summary>Small hand-written contracts in WebAssembly text.</summary>
internal static class TestModules
{
    public static byte[] Compile(string text) => Wasmtime.Module.ConvertText(text).ToArray();

    /// <summary>put writes c=1; boom writes c=1 and then traps.</summary>
    public const string Callee = """
        (module
          (import "chainweave_v1" "state_put" (func $state_put (param i32 i32 i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "c1")
          (func (export "put") (call $state_put (i32.const 0) (i32.const 1) (i32.const 1) (i32.const 1)))
          (func (export "boom") (call $state_put (i32.const 0) (i32.const 1) (i32.const 1) (i32.const 1)) unreachable))
        """;

    /// <summary>Writes k=1, then calls CALLEE.boom (trapping) or CALLEE.put (calling).</summary>
    public const string Caller = """
        (module
          (import "chainweave_v1" "state_put" (func $state_put (param i32 i32 i32 i32)))
          (import "chainweave_v1" "call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
          (import "chainweave_v1" "emit" (func $emit (param i32 i32 i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "k1")
          (data (i32.const 16) "CALLEE")
          (data (i32.const 32) "boom")
          (data (i32.const 40) "put")
          (data (i32.const 48) "calling")
          (data (i32.const 96) "\00\00\00\00")
          (func $before
            (call $state_put (i32.const 0) (i32.const 1) (i32.const 1) (i32.const 1))
            (call $emit (i32.const 48) (i32.const 7) (i32.const 96) (i32.const 4)))
          (func (export "trapping")
            (call $before)
            (drop (call $call (i32.const 16) (i32.const 6) (i32.const 32) (i32.const 4) (i32.const 96) (i32.const 4))))
          (func (export "calling")
            (call $before)
            (drop (call $call (i32.const 16) (i32.const 6) (i32.const 40) (i32.const 3) (i32.const 96) (i32.const 4)))))
        """;

    /// <summary>init writes i=1; noop does nothing.</summary>
    public const string WithInit = """
        (module
          (import "chainweave_v1" "state_put" (func $state_put (param i32 i32 i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "i1")
          (func (export "init") (call $state_put (i32.const 0) (i32.const 1) (i32.const 1) (i32.const 1)))
          (func (export "noop")))
        """;

    /// <summary>init always traps.</summary>
    public const string FailingInit = """
        (module
          (memory (export "memory") 1)
          (func (export "init") unreachable)
          (func (export "noop")))
        """;

    /// <summary>
    /// dive fills a deep stretch of its WebAssembly stack (a recursion of FRAMES frames), then calls
    /// DEEP.dive again, ignoring the refusal at the depth limit, and writes d=1.
    /// </summary>
    public static string Deep(int frames) => $$"""
        (module
          (import "chainweave_v1" "call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
          (import "chainweave_v1" "state_put" (func $state_put (param i32 i32 i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "DEEP")
          (data (i32.const 16) "dive")
          (data (i32.const 32) "\00\00\00\00")
          (data (i32.const 48) "d1")
          (func $sink (param $n i32)
            (if (i32.eqz (local.get $n))
              (then (drop (call $call (i32.const 0) (i32.const 4) (i32.const 16) (i32.const 4) (i32.const 32) (i32.const 4))))
              (else (call $sink (i32.sub (local.get $n) (i32.const 1))))))
          (func (export "dive")
            (call $sink (i32.const {{frames}}))
            (call $state_put (i32.const 48) (i32.const 1) (i32.const 49) (i32.const 1))))
        """;
}

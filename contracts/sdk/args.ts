// The call's named arguments (bytes). The require* helpers revert with TX_BAD_ARGUMENT.
import { arg_get, args_all } from "./host";
import { parseU64, readResult, toText, utf8 } from "./bytes";
import { revert } from "./result";

export namespace Args {
  /** The first argument with this name, or null. */
  export function get(name: string): Uint8Array | null {
    const key = utf8(name);
    const length = arg_get(key.dataStart, key.length);
    return length < 0 ? null : readResult(length);
  }

  export function require(name: string): Uint8Array {
    const value = get(name);
    if (value == null) revert("TX_BAD_ARGUMENT", "Argument '" + name + "' is required.");
    return value!;
  }

  export function requireText(name: string): string {
    return toText(require(name));
  }

  /** A decimal u64 argument. */
  export function requireU64(name: string): u64 {
    const parsed = parseU64(require(name));
    if (!parsed.ok) revert("TX_BAD_ARGUMENT", "Argument '" + name + "' must be a decimal number below 2^64.");
    return parsed.value;
  }

  /** Every argument as the host's pair list. */
  export function all(): Uint8Array {
    return readResult(args_all());
  }
}

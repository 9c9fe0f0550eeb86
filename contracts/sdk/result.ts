// Ending a call: return data, or revert with a code and message (all writes are discarded).
import { return_value, revert as host_revert } from "./host";
import { utf8 } from "./bytes";

export function returnBytes(value: Uint8Array): void {
  return_value(value.dataStart, value.length);
}

export function returnText(value: string): void {
  returnBytes(utf8(value));
}

/** Stops the call with a typed error; never returns. */
export function revert(code: string, message: string): void {
  const codeBytes = utf8(code);
  const messageBytes = utf8(message);
  host_revert(codeBytes.dataStart, codeBytes.length, messageBytes.dataStart, messageBytes.length);
  unreachable();
}

// A plain key-value store: put/get/delete and ordered range queries.
import { Args, Storage, emit, returnBytes, revert } from "../sdk";

/** put(key, value) */
export function put(): void {
  const key = Args.require("key");
  const value = Args.require("value");
  if (key.length == 0) revert("TX_BAD_ARGUMENT", "Argument 'key' must not be empty.");
  Storage.set(key, value);
  emit("kv.put", [key]);
}

/** get(key) — the value, or NOT_FOUND. */
export function get(): void {
  const value = Storage.get(Args.require("key"));
  if (value == null) revert("NOT_FOUND", "No value under this key.");
  returnBytes(value!);
}

/** delete(key) */
export function remove(): void {
  const key = Args.require("key");
  if (!Storage.has(key)) revert("NOT_FOUND", "No value under this key.");
  Storage.remove(key);
  emit("kv.delete", [key]);
}

/** range(start, end?, limit?) — keys in [start, end) as the host's pair list; limit defaults to 100. */
export function range(): void {
  const start = Args.require("start");
  const endArg = Args.get("end");
  const end = endArg == null ? new Uint8Array(0) : endArg;
  let limit: i32 = 100;
  if (Args.get("limit") != null) {
    const requested = Args.requireU64("limit");
    if (requested == 0 || requested > 1000) revert("TX_BAD_ARGUMENT", "Argument 'limit' must be 1 to 1000.");
    limit = <i32>requested;
  }
  returnBytes(Storage.rangeRaw(start, end, limit));
}

export { remove as delete };

// The contract's own key-value state. Keys are at most 1 KiB, values at most 64 KiB.
import { state_delete, state_get, state_put, state_range } from "./host";
import { decodeList, readResult } from "./bytes";

export class Entry {
  constructor(public key: Uint8Array, public value: Uint8Array) {}
}

export namespace Storage {
  /** The value under `key`, or null when there is none. */
  export function get(key: Uint8Array): Uint8Array | null {
    const length = state_get(key.dataStart, key.length);
    return length < 0 ? null : readResult(length);
  }

  export function has(key: Uint8Array): bool {
    return state_get(key.dataStart, key.length) >= 0;
  }

  export function set(key: Uint8Array, value: Uint8Array): void {
    state_put(key.dataStart, key.length, value.dataStart, value.length);
  }

  export function remove(key: Uint8Array): void {
    state_delete(key.dataStart, key.length);
  }

  /** Entries with start <= key < end in byte order (empty end: no bound), at most `limit` (1..1000). */
  export function range(start: Uint8Array, end: Uint8Array, limit: i32): Entry[] {
    const length = state_range(start.dataStart, start.length, end.dataStart, end.length, limit);
    return toEntries(readResult(length));
  }

  /** The raw pair-list bytes of a range, for returning to a client unchanged. */
  export function rangeRaw(start: Uint8Array, end: Uint8Array, limit: i32): Uint8Array {
    return readResult(state_range(start.dataStart, start.length, end.dataStart, end.length, limit));
  }

  function toEntries(encoded: Uint8Array): Entry[] {
    const items = decodeList(encoded, 2);
    const entries = new Array<Entry>();
    for (let i = 0; i + 1 < items.length; i += 2) entries.push(new Entry(items[i], items[i + 1]));
    return entries;
  }
}

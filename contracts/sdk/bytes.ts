// Byte helpers: UTF-8 conversion, concatenation, decimal u64 text, and the host's list encoding
// (u32 little-endian count, then u32 little-endian length + bytes per item).
import { result_read } from "./host";

export function utf8(text: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(text, false));
}

export function toText(bytes: Uint8Array): string {
  return String.UTF8.decodeUnsafe(bytes.dataStart, bytes.length, false);
}

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  memory.copy(out.dataStart, a.dataStart, a.length);
  memory.copy(out.dataStart + a.length, b.dataStart, b.length);
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): bool {
  if (a.length != b.length) return false;
  return memory.compare(a.dataStart, b.dataStart, a.length) == 0;
}

/** Fetches the host's pending result of `length` bytes (from a call that returned that length). */
export function readResult(length: i32): Uint8Array {
  const out = new Uint8Array(length);
  if (length > 0) result_read(out.dataStart);
  return out;
}

/** Decimal text of a u64, as bytes. */
export function u64ToText(value: u64): Uint8Array {
  return utf8(value.toString());
}

/** Parses decimal digits into a u64; returns false in `ok` on anything else or overflow. */
export class ParsedU64 {
  constructor(public value: u64, public ok: bool) {}
}

export function parseU64(bytes: Uint8Array): ParsedU64 {
  if (bytes.length == 0 || bytes.length > 20) return new ParsedU64(0, false);
  let value: u64 = 0;
  for (let i = 0; i < bytes.length; i++) {
    const digit = <u64>bytes[i] - 48;
    if (digit > 9) return new ParsedU64(0, false);
    const next = value * 10 + digit;
    if (value > 1844674407370955161 || next < value) return new ParsedU64(0, false);
    value = next;
  }
  return new ParsedU64(value, true);
}

/** Encodes items as the host's list: count, then length-prefixed items. */
export function encodeList(items: Uint8Array[]): Uint8Array {
  let size = 4;
  for (let i = 0; i < items.length; i++) size += 4 + items[i].length;
  const out = new Uint8Array(size);
  let at = out.dataStart;
  store<u32>(at, <u32>items.length);
  at += 4;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    store<u32>(at, <u32>item.length);
    memory.copy(at + 4, item.dataStart, item.length);
    at += 4 + item.length;
  }
  return out;
}

/** Decodes a list of `count * perEntry` items produced by the host. */
export function decodeList(data: Uint8Array, perEntry: i32): Uint8Array[] {
  const items = new Array<Uint8Array>();
  if (data.length < 4) return items;
  let at = data.dataStart;
  const end = at + data.length;
  const total = <i32>load<u32>(at) * perEntry;
  at += 4;
  for (let i = 0; i < total; i++) {
    const length = <i32>load<u32>(at);
    const item = new Uint8Array(length);
    memory.copy(item.dataStart, at + 4, length);
    items.push(item);
    at += 4 + length;
    if (at > end) break;
  }
  return items;
}

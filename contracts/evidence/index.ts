// Evidence: a record (content hash + metadata) written once under an id, then read back.
import { Args, Context, Storage, emit, encodeList, returnBytes, revert, u64ToText } from "../sdk";

const MAX_ID_BYTES = 256;
const MAX_HASH_HEX = 128;
const MAX_META_BYTES = 4096;

/** put(id, hash, meta?) — hash is even-length hex; fails with EVIDENCE_EXISTS on a second put. */
export function put(): void {
  const id = Args.require("id");
  if (id.length == 0 || id.length > MAX_ID_BYTES) revert("TX_BAD_ARGUMENT", "Argument 'id' must be 1 to 256 bytes.");
  const hash = Args.require("hash");
  if (!isHex(hash)) revert("TX_BAD_ARGUMENT", "Argument 'hash' must be an even number of hex digits, at most 128.");
  const metaArg = Args.get("meta");
  const meta = metaArg == null ? new Uint8Array(0) : metaArg;
  if (meta.length > MAX_META_BYTES) revert("TX_BAD_ARGUMENT", "Argument 'meta' is over 4096 bytes.");
  if (Storage.has(id)) revert("EVIDENCE_EXISTS", "This evidence id already exists; an evidence record is written once.");

  // Record: [hash, meta, sender cert hash, block time ms as decimal text].
  const record = encodeList([hash, meta, Context.sender(), u64ToText(<u64>Context.blockTimeMs())]);
  Storage.set(id, record);
  emit("evidence.put", [id]);
}

/** get(id) — returns the encoded record, or NOT_FOUND. */
export function get(): void {
  const id = Args.require("id");
  const record = Storage.get(id);
  if (record == null) revert("NOT_FOUND", "No evidence with this id.");
  returnBytes(record!);
}

function isHex(text: Uint8Array): bool {
  if (text.length == 0 || text.length > MAX_HASH_HEX || (text.length & 1) != 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const digit = (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
    if (!digit) return false;
  }
  return true;
}

// Who called and where: sender identity, transaction and block.
import { block_height, block_time_ms, sender_cert_hash, sender_org, sender_role, tx_id } from "./host";
import { readResult, toText } from "./bytes";

export namespace Context {
  /** The sender's certificate hash (for a nested call: the calling contract's name in UTF-8). */
  export function sender(): Uint8Array {
    return readResult(sender_cert_hash());
  }

  export function senderOrg(): string {
    return toText(readResult(sender_org()));
  }

  /** The sender's role; "contract" when a contract calls this one. */
  export function senderRole(): string {
    return toText(readResult(sender_role()));
  }

  export function txId(): Uint8Array {
    return readResult(tx_id());
  }

  export function blockHeight(): u64 {
    return <u64>block_height();
  }

  export function blockTimeMs(): i64 {
    return block_time_ms();
  }
}

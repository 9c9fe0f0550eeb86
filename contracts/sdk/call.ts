// Calling another contract in the same transaction. If the callee fails, this call fails too.
import { call as host_call } from "./host";
import { encodeList, readResult, utf8 } from "./bytes";

export class Arg {
  constructor(public key: string, public value: Uint8Array) {}
}

export function callContract(contract: string, method: string, args: Arg[]): Uint8Array {
  const items = new Array<Uint8Array>();
  for (let i = 0; i < args.length; i++) {
    items.push(utf8(args[i].key));
    items.push(args[i].value);
  }
  const encoded = encodeList(items);
  // encodeList counted items; a pair list counts pairs.
  store<u32>(encoded.dataStart, <u32>args.length);
  const contractBytes = utf8(contract);
  const methodBytes = utf8(method);
  const length = host_call(contractBytes.dataStart, contractBytes.length, methodBytes.dataStart, methodBytes.length, encoded.dataStart, encoded.length);
  return readResult(length);
}


// Events: a UTF-8 topic (at most 128 bytes) and byte items, at most 16 KiB together.
import { emit as host_emit } from "./host";
import { encodeList, utf8 } from "./bytes";

export function emit(topic: string, items: Uint8Array[]): void {
  const topicBytes = utf8(topic);
  const data = encodeList(items);
  host_emit(topicBytes.dataStart, topicBytes.length, data.dataStart, data.length);
}

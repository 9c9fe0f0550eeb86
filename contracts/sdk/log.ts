// Debug logging to the node's log (debug level). Never part of consensus; costs gas like any host call.
import { debug_log } from "./host";
import { utf8 } from "./bytes";

/** Goes to the node's debug log only; never part of consensus. */
export function log(message: string): void {
  const bytes = utf8(message);
  debug_log(bytes.dataStart, bytes.length);
}

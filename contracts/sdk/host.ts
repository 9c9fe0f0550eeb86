// Raw imports of the chainweave_v1 host interface (docs/contract-abi.md). Contracts use the
// wrappers in the other SDK files; these are exported only for the SDK itself.

@external("chainweave_v1", "state_get")
export declare function state_get(keyPtr: usize, keyLen: i32): i32;

@external("chainweave_v1", "state_put")
export declare function state_put(keyPtr: usize, keyLen: i32, valuePtr: usize, valueLen: i32): void;

@external("chainweave_v1", "state_delete")
export declare function state_delete(keyPtr: usize, keyLen: i32): void;

@external("chainweave_v1", "state_range")
export declare function state_range(startPtr: usize, startLen: i32, endPtr: usize, endLen: i32, limit: i32): i32;

@external("chainweave_v1", "result_read")
export declare function result_read(destPtr: usize): void;

@external("chainweave_v1", "arg_get")
export declare function arg_get(namePtr: usize, nameLen: i32): i32;

@external("chainweave_v1", "args_all")
export declare function args_all(): i32;

@external("chainweave_v1", "sender_cert_hash")
export declare function sender_cert_hash(): i32;

@external("chainweave_v1", "sender_org")
export declare function sender_org(): i32;

@external("chainweave_v1", "sender_role")
export declare function sender_role(): i32;

@external("chainweave_v1", "tx_id")
export declare function tx_id(): i32;

@external("chainweave_v1", "block_height")
export declare function block_height(): i64;

@external("chainweave_v1", "block_time_ms")
export declare function block_time_ms(): i64;

@external("chainweave_v1", "emit")
export declare function emit(topicPtr: usize, topicLen: i32, dataPtr: usize, dataLen: i32): void;

@external("chainweave_v1", "return_value")
export declare function return_value(ptr: usize, len: i32): void;

@external("chainweave_v1", "revert")
export declare function revert(codePtr: usize, codeLen: i32, messagePtr: usize, messageLen: i32): void;

@external("chainweave_v1", "call")
export declare function call(contractPtr: usize, contractLen: i32, methodPtr: usize, methodLen: i32, argsPtr: usize, argsLen: i32): i32;

@external("chainweave_v1", "debug_log")
export declare function debug_log(ptr: usize, len: i32): void;

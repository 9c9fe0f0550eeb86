// A fungible token: mint by the "admin" role, transfer, balances, and ERC-20 style allowances.
// Holders are identified by their sender id (certificate hash, or a calling contract's name).
// Amounts are decimal text arguments and return values.
import { Args, Context, Storage, bytesEqual, concat, emit, parseU64, returnBytes, revert, u64ToText, utf8 } from "../sdk";

const ADMIN_ROLE = "admin";
const SUPPLY_KEY = utf8("s");

function balanceKey(holder: Uint8Array): Uint8Array {
  return concat(utf8("b"), holder);
}

function allowanceKey(owner: Uint8Array, spender: Uint8Array): Uint8Array {
  // Length-prefix the owner so (owner, spender) pairs can never collide.
  const prefix = new Uint8Array(2);
  prefix[0] = 0x61; // 'a'
  prefix[1] = <u8>owner.length;
  return concat(concat(prefix, owner), spender);
}

function readAmount(key: Uint8Array): u64 {
  const stored = Storage.get(key);
  if (stored == null) return 0;
  return parseU64(stored).value;
}

function writeAmount(key: Uint8Array, amount: u64): void {
  if (amount == 0) Storage.remove(key);
  else Storage.set(key, u64ToText(amount));
}

function holderArg(name: string): Uint8Array {
  const holder = Args.require(name);
  if (holder.length == 0 || holder.length > 128) revert("TX_BAD_ARGUMENT", "Argument '" + name + "' must be a holder id of 1 to 128 bytes.");
  return holder;
}

function move(from: Uint8Array, to: Uint8Array, amount: u64): void {
  const fromKey = balanceKey(from);
  const fromBalance = readAmount(fromKey);
  if (fromBalance < amount) revert("INSUFFICIENT_BALANCE", "The balance is " + fromBalance.toString() + ", less than " + amount.toString() + ".");
  if (bytesEqual(from, to)) return;
  const toKey = balanceKey(to);
  const toBalance = readAmount(toKey);
  if (toBalance + amount < toBalance) revert("OVERFLOW", "The receiver's balance would overflow.");
  writeAmount(fromKey, fromBalance - amount);
  writeAmount(toKey, toBalance + amount);
  emit("transfer", [from, to, u64ToText(amount)]);
}

/** mint(to, amount) — only a sender with the admin role. */
export function mint(): void {
  if (Context.senderRole() != ADMIN_ROLE) revert("TX_PERMISSION_DENIED", "Only the admin role may mint.");
  const to = holderArg("to");
  const amount = Args.requireU64("amount");
  const supply = readAmount(SUPPLY_KEY);
  const key = balanceKey(to);
  const balance = readAmount(key);
  if (supply + amount < supply || balance + amount < balance) revert("OVERFLOW", "Minting this much would overflow the supply.");
  writeAmount(SUPPLY_KEY, supply + amount);
  writeAmount(key, balance + amount);
  emit("mint", [to, u64ToText(amount)]);
}

/** transfer(to, amount) — from the sender. */
export function transfer(): void {
  const to = holderArg("to");
  const amount = Args.requireU64("amount");
  move(Context.sender(), to, amount);
}

/** balance(owner) — decimal text. */
export function balance(): void {
  returnBytes(u64ToText(readAmount(balanceKey(holderArg("owner")))));
}

/** totalSupply() — decimal text. */
export function totalSupply(): void {
  returnBytes(u64ToText(readAmount(SUPPLY_KEY)));
}

/** approve(spender, amount) — sets how much the spender may move from the sender. */
export function approve(): void {
  const spender = holderArg("spender");
  const amount = Args.requireU64("amount");
  const owner = Context.sender();
  writeAmount(allowanceKey(owner, spender), amount);
  emit("approve", [owner, spender, u64ToText(amount)]);
}

/** allowance(owner, spender) — decimal text. */
export function allowance(): void {
  returnBytes(u64ToText(readAmount(allowanceKey(holderArg("owner"), holderArg("spender")))));
}

/** transferFrom(from, to, amount) — the sender spends part of its allowance from `from`. */
export function transferFrom(): void {
  const from = holderArg("from");
  const to = holderArg("to");
  const amount = Args.requireU64("amount");
  const key = allowanceKey(from, Context.sender());
  const allowed = readAmount(key);
  if (allowed < amount) revert("INSUFFICIENT_ALLOWANCE", "The allowance is " + allowed.toString() + ", less than " + amount.toString() + ".");
  writeAmount(key, allowed - amount);
  move(from, to, amount);
}

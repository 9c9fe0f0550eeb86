// Chainweave contract SDK for AssemblyScript over the chainweave_v1 host interface.
// A contract method is an exported function with no parameters and no result.
export * from "./bytes";
export * from "./storage";
export * from "./context";
export * from "./args";
export * from "./result";
export * from "./events";
export * from "./call";
export * from "./log";

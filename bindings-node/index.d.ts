// docker-engine-api: the types are generated from the spec (generated/index.d.ts) with the
// hand-written half in lib/types.d.ts.
export * from "./generated/index";

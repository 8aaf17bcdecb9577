// The console's static files are bundled as bytes: esbuild reads `with { type: "bytes" }` imports as
// a Uint8Array, and the local sandbox does the same through its asset-import hook.

declare module "*.html" {
  const bytes: Uint8Array;
  export default bytes;
}

declare module "*.css" {
  const bytes: Uint8Array;
  export default bytes;
}

declare module "*.js" {
  const bytes: Uint8Array;
  export default bytes;
}

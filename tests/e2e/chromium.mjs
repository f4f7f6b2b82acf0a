// The flags for Debian's Chromium as root on a closed network (shared/TOOLCHAIN.md), shared by the
// end-to-end tests (harness.mjs) and the web benchmark (bench/web.mjs).

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

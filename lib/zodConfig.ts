import { z } from "zod";

// Zod 4 probes `new Function("")` to decide whether it may compile parsers; under the nonce CSP (no 'unsafe-eval') the
// probe is blocked and reported as a CSP violation. It probes when the first object schema is built, so this must
// run before any module that builds one: instrumentation-client.ts imports it first, the providers too
// (docs/security.md). Jitless parsing skips the probe.
z.config({ jitless: true });

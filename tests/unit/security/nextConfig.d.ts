// next.config.js is plain JavaScript (Next reads it as is); the header test reads its API rules.
declare module "@/next.config.js" {
  export const apiHeaderRules: unknown;
  const config: unknown;
  export default config;
}

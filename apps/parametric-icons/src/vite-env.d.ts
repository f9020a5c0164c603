/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** API origin plus prefix, fixed at build time (manual §3.1). */
  readonly VITE_API_URL?: string;
}

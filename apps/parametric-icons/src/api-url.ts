/** Build-time API base (manual §3.1); trailing slashes dropped so paths join cleanly. */
export const API_URL: string = (import.meta.env.VITE_API_URL || "http://localhost:4000/api").replace(
  /\/+$/,
  "",
);

import { API_URL } from "../api-url";

/** An API failure in the contract's shape `{ code, message, details? }`; `message` is shown to users. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

// The CSRF token comes from /auth/me or sign-in; it lives in memory only so a reload re-reads it.
let csrfToken: string | undefined;
export const setCsrfToken = (token: string | undefined): void => {
  csrfToken = token;
};

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface ApiRequest {
  readonly method?: string;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  readonly accept?: string;
}

/** fetch with credentials, JSON body and the CSRF header on every state-changing request. */
export const apiRequest = async (path: string, req: ApiRequest = {}): Promise<Response> => {
  const method = req.method ?? "GET";
  const headers: Record<string, string> = { accept: req.accept ?? "application/json" };
  if (req.body !== undefined) headers["content-type"] = "application/json";
  if (UNSAFE.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`${API_URL}${path}`, {
      method,
      headers,
      credentials: "include",
      ...(req.body !== undefined && { body: JSON.stringify(req.body) }),
      ...(req.signal && { signal: req.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(
      0,
      "network",
      `Could not reach the API at ${API_URL}. Check your connection or that the API is running, then try again.`,
    );
  }
  if (!res.ok) throw await errorFrom(res);
  return res;
};

export const errorFrom = async (res: Response): Promise<ApiError> => {
  const text = await res.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof body.message === "string") {
      // Shown as a sentence in a toast, so it starts with a capital letter.
      const message = body.message.charAt(0).toUpperCase() + body.message.slice(1);
      return new ApiError(
        res.status,
        typeof body.code === "string" ? body.code : "error",
        message,
        body.details,
      );
    }
  } catch {
    // Not JSON (e.g. a proxy error page): fall through to a generic message.
  }
  return new ApiError(res.status, "http_error", `The API answered ${res.status}. Try again in a moment.`);
};

/** JSON request; 204 resolves to undefined. */
export const apiJson = async <T>(path: string, req: ApiRequest = {}): Promise<T> => {
  const res = await apiRequest(path, req);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
};

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : "Something went wrong. Try again.";

/** A 401 means the session ended; the app already announces that once, so callers stay quiet. */
export const endedSession = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

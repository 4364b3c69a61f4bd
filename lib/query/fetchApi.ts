import type { z } from "zod";
import { ApiError } from "@/lib/api/topology";
import { API_FETCH_INIT, takeEarlyResponse } from "./earlyFetch";

/**
 * A failed API call, with what the page needs to design the error state: the HTTP status, the stable
 * error code, the message (names the cause) and the fix.
 */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fix?: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }

  /** 4xx answers will not change by retrying (unknown Service, bad name); 5xx and network errors may. */
  get permanent(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

/** GET a JSON API path and parse it with the contract's zod schema; errors become ApiRequestError. */
export async function fetchApi<T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await (takeEarlyResponse(path) ?? fetch(path, { ...API_FETCH_INIT, signal }));
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiRequestError(0, "NETWORK", "The dashboard server did not answer.", "Check that lbpath is still running and reachable.");
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // fall through: a non-JSON answer (a proxy's HTML error page) is reported below
  }
  if (!res.ok) {
    const err = ApiError.safeParse(body);
    if (err.success) throw new ApiRequestError(res.status, err.data.error.code, err.data.error.message, err.data.error.fix);
    throw new ApiRequestError(res.status, `HTTP_${res.status}`, `The API answered ${res.status} ${res.statusText}.`.trim());
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiRequestError(res.status, "CONTRACT_MISMATCH", "The API answered with data this page does not understand.", "Reload the page; if it persists the server and page versions differ.");
  }
  return parsed.data;
}

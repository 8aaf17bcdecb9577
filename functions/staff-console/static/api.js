// Every call to the staff API: JSON in and out, the bearer token in the Authorization header, no
// cookies. A 401 means the token is gone or expired, so the console asks the colleague to sign in again.

import { currentToken, forgetToken } from "./auth.js";

export class ApiError extends Error {
  name = "ApiError";
  constructor(status, body) {
    super(body?.error?.message ?? `The staff API answered ${status}.`);
    this.status = status;
    this.code = body?.error?.code;
    this.details = body?.error ?? {};
  }
}

export class SignInNeededError extends Error {
  name = "SignInNeededError";
}

async function call(path, { method = "GET", body } = {}) {
  const token = currentToken();
  if (!token) throw new SignInNeededError("Sign in to use the console.");
  const headers = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "omit",
    cache: "no-store",
  });
  if (response.status === 401) {
    forgetToken();
    throw new SignInNeededError("Your sign-in has expired; sign in again.");
  }
  return response;
}

export async function api(path, options) {
  const response = await call(path, options);
  const type = response.headers.get("content-type") ?? "";
  const data = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, typeof data === "object" ? data : undefined);
  return data;
}

/** Fetches a file the API produces (a CSV report) and hands it to the browser as a download. */
export async function download(path, filename) {
  const response = await call(path);
  if (!response.ok) throw new ApiError(response.status, undefined);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function caseApi(reference) {
  return `/api/cases/${encodeURIComponent(reference)}`;
}

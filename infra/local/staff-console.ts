// The sandbox's side of the staff console: where the console's development sign-in lives, the
// settings the functions get locally (that sign-in instead of Cognito's, and the console's local
// address for links in staff emails), and the sign-in endpoint itself, served beside the HTTP API.
// `POST /console/dev-sign-in` with `{}` lists the seeded users; with `{ "username": … }` it issues a
// bearer token for that user, as Cognito would issue an ID token.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DevIdentities, DevUser } from "./dev-identities";
import { LOCALHOST } from "./emulators";
import type { HttpFallback } from "./http-gateway";

export const DEV_SIGN_IN_PATH = "/console/dev-sign-in";
const TOKEN_SECONDS = 3600;
const MAX_BODY_BYTES = 4096;

/** Settings every function gets in the sandbox; the console's address only when the port is fixed. */
export function consoleEnvironment(httpPort: number): Record<string, string> {
  return {
    CONSOLE_DEV_SIGN_IN_PATH: DEV_SIGN_IN_PATH,
    ...(httpPort > 0 ? { CONSOLE_BASE_URL: `http://${LOCALHOST}:${httpPort}/console` } : {}),
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}

/** Serves the development sign-in, and passes anything else to `next`. */
export function devSignIn(
  identities: DevIdentities,
  users: readonly DevUser[],
  next?: HttpFallback,
): HttpFallback {
  return async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path !== DEV_SIGN_IN_PATH || request.method !== "POST") return next ? next(request, response) : false;
    const body = await readJson(request);
    if (!body) {
      send(response, 400, { message: 'Send JSON: {} for the users, or {"username": …} to sign in.' });
      return true;
    }
    if (body.username === undefined) {
      send(response, 200, {
        users: users.map(({ username, email, groups }) => ({ username, email, groups })),
      });
      return true;
    }
    const user = users.find((candidate) => candidate.username === body.username);
    if (!user) {
      send(response, 404, { message: "There is no development user with that name." });
      return true;
    }
    send(response, 200, { token: identities.issue(user), expiresInSeconds: TOKEN_SECONDS, user });
    return true;
  };
}

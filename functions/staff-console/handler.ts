// The staff console's static files (HTML, ES modules, CSS), bundled into this function by esbuild and
// served on public routes under a strict Content-Security-Policy: scripts and styles only from the
// console itself, no inline script, no framing. The app signs staff in and then calls the staff API
// with a bearer token; the API itself stays behind API Gateway's JWT authorizer. The files are
// imported as bytes (one base64 line each in the bundle, byte-exact) and decoded once at start-up.

import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { readEnvironment } from "../../shared/config/environment";
import { staffConsoleEnvironment } from "../../shared/config/staff-environment";
import api from "./static/api.js" with { type: "bytes" };
import app from "./static/app.js" with { type: "bytes" };
import auth from "./static/auth.js" with { type: "bytes" };
import charts from "./static/charts.js" with { type: "bytes" };
import dom from "./static/dom.js" with { type: "bytes" };
import index from "./static/index.html" with { type: "bytes" };
import styles from "./static/styles.css" with { type: "bytes" };
import caseView from "./static/views/case.js" with { type: "bytes" };
import complaintHandlingView from "./static/views/complaint-handling.js" with { type: "bytes" };
import dashboardView from "./static/views/dashboard.js" with { type: "bytes" };
import forms from "./static/views/forms.js" with { type: "bytes" };
import quarantineView from "./static/views/quarantine.js" with { type: "bytes" };
import queueView from "./static/views/queue.js" with { type: "bytes" };
import searchView from "./static/views/search.js" with { type: "bytes" };
import signInView from "./static/views/sign-in.js" with { type: "bytes" };

const env = readEnvironment(staffConsoleEnvironment);

const JAVASCRIPT = "text/javascript; charset=utf-8";
const decoder = new TextDecoder("utf-8", { fatal: true });
const text = (bytes: Uint8Array) => decoder.decode(bytes);
const FILES = new Map<string, { body: string; type: string }>([
  ["", { body: text(index), type: "text/html; charset=utf-8" }],
  ["index.html", { body: text(index), type: "text/html; charset=utf-8" }],
  ["styles.css", { body: text(styles), type: "text/css; charset=utf-8" }],
  ["app.js", { body: text(app), type: JAVASCRIPT }],
  ["api.js", { body: text(api), type: JAVASCRIPT }],
  ["auth.js", { body: text(auth), type: JAVASCRIPT }],
  ["charts.js", { body: text(charts), type: JAVASCRIPT }],
  ["dom.js", { body: text(dom), type: JAVASCRIPT }],
  ["views/case.js", { body: text(caseView), type: JAVASCRIPT }],
  ["views/complaint-handling.js", { body: text(complaintHandlingView), type: JAVASCRIPT }],
  ["views/dashboard.js", { body: text(dashboardView), type: JAVASCRIPT }],
  ["views/forms.js", { body: text(forms), type: JAVASCRIPT }],
  ["views/quarantine.js", { body: text(quarantineView), type: JAVASCRIPT }],
  ["views/queue.js", { body: text(queueView), type: JAVASCRIPT }],
  ["views/search.js", { body: text(searchView), type: JAVASCRIPT }],
  ["views/sign-in.js", { body: text(signInView), type: JAVASCRIPT }],
]);

const signInOrigin = env.CONSOLE_SIGN_IN_DOMAIN ? new URL(env.CONSOLE_SIGN_IN_DOMAIN).origin : undefined;

/** What the app needs to sign in; nothing secret (the app client has no secret: PKCE stands in for it). */
const config = JSON.stringify({
  signIn: env.CONSOLE_DEV_SIGN_IN_PATH
    ? { kind: "development", url: env.CONSOLE_DEV_SIGN_IN_PATH }
    : {
        kind: "cognito",
        authorizeUrl: `${signInOrigin}/oauth2/authorize`,
        tokenUrl: `${signInOrigin}/oauth2/token`,
        logoutUrl: `${signInOrigin}/logout`,
        clientId: env.CONSOLE_CLIENT_ID,
        redirectUri: env.CONSOLE_REDIRECT_URI,
        scopes: ["openid", "email", "profile"],
      },
});

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // The token exchange goes to Cognito; everything else to the API on this origin.
  `connect-src 'self'${signInOrigin ? ` ${signInOrigin}` : ""}`,
  `form-action 'self'${signInOrigin ? ` ${signInOrigin}` : ""}`,
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

const HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
  "strict-transport-security": "max-age=31536000",
};

function respond(
  statusCode: number,
  type: string,
  body: string,
  cache: string,
): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { ...HEADERS, "content-type": type, "cache-control": cache }, body };
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const path = event.pathParameters?.proxy ?? "";
  if (path === "config.json") return respond(200, "application/json; charset=utf-8", config, "no-store");
  const file = FILES.get(path);
  if (!file) return respond(404, "text/plain; charset=utf-8", "Not found.", "no-store");
  // Revalidated on every load, so a deploy reaches every open console at its next refresh.
  return respond(200, file.type, file.body, "no-cache");
}

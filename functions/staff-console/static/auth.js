// Signing in. In AWS: Cognito's hosted sign-in with the authorization code flow and PKCE, so no secret
// lives in the page. In the local sandbox: a development sign-in listing the seeded dev users. Either
// way the console ends up with a bearer token kept in this tab's sessionStorage (never a cookie) and
// sends it in the Authorization header, which is why the API needs no CSRF token.

const TOKEN_KEY = "heed.console.session";
const PKCE_KEY = "heed.console.pkce";

function base64Url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function randomString(size) {
  return base64Url(crypto.getRandomValues(new Uint8Array(size)));
}

function jwtExpiry(token) {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/")));
    return typeof payload.exp === "number" ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function store(token, expiresAt) {
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify({ token, expiresAt }));
}

/** The bearer token, while it is still valid. */
export function currentToken() {
  try {
    const session = JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? "null");
    if (!session?.token || (session.expiresAt && session.expiresAt < Date.now())) return undefined;
    return session.token;
  } catch {
    return undefined;
  }
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Sends the browser to Cognito's sign-in page; it comes back to the console with a code. */
export async function beginHostedSignIn(signIn) {
  const verifier = randomString(48);
  const state = randomString(24);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(signIn.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: signIn.clientId,
    redirect_uri: signIn.redirectUri,
    scope: signIn.scopes.join(" "),
    state,
    code_challenge: base64Url(new Uint8Array(digest)),
    code_challenge_method: "S256",
  }).toString();
  window.location.assign(url.toString());
}

export class SignInError extends Error {
  name = "SignInError";
}

/** Finishes the hosted sign-in when the page was opened with `?code=…&state=…`; true when it did. */
export async function completeHostedSignIn(signIn) {
  const params = new URLSearchParams(window.location.search);
  const code = params.get("code");
  if (!code) return false;
  const pkce = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? "null");
  sessionStorage.removeItem(PKCE_KEY);
  window.history.replaceState(null, "", window.location.pathname + window.location.hash);
  if (!pkce || pkce.state !== params.get("state"))
    throw new SignInError("The sign-in did not match; try again.");
  const response = await fetch(signIn.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: signIn.clientId,
      code,
      redirect_uri: signIn.redirectUri,
      code_verifier: pkce.verifier,
    }),
    credentials: "omit",
  });
  if (!response.ok) throw new SignInError("Cognito refused the sign-in; try again.");
  const tokens = await response.json();
  // The ID token carries the colleague's email and groups, which the API reads.
  store(tokens.id_token, jwtExpiry(tokens.id_token) ?? Date.now() + tokens.expires_in * 1000);
  return true;
}

export async function developmentUsers(signIn) {
  const response = await fetch(signIn.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
    credentials: "omit",
  });
  if (!response.ok) throw new SignInError("The development sign-in is not available.");
  return (await response.json()).users;
}

export async function developmentSignIn(signIn, username) {
  const response = await fetch(signIn.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username }),
    credentials: "omit",
  });
  if (!response.ok) throw new SignInError("That development user could not sign in.");
  const session = await response.json();
  store(session.token, Date.now() + session.expiresInSeconds * 1000);
}

export function signOut(signIn) {
  forgetToken();
  if (signIn.kind === "cognito") {
    const url = new URL(signIn.logoutUrl);
    url.search = new URLSearchParams({
      client_id: signIn.clientId,
      logout_uri: signIn.redirectUri,
    }).toString();
    window.location.assign(url.toString());
  } else {
    window.location.hash = "#/queue";
    window.location.reload();
  }
}

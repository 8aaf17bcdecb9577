// Development users for the local HTTP API. The sandbox plays the part of Cognito and of API
// Gateway's JWT authorizer: it issues opaque bearer tokens for these users and, for a protected
// route, hands the handler the claims exactly as API Gateway would (every value a string).
import { createHash, randomBytes } from "node:crypto";

export interface DevUser {
  /** Cognito username, e.g. `dev-admin`. */
  username: string;
  email: string;
  /** Cognito groups: the referral levels and `admin`. */
  groups: string[];
  /** OAuth scopes, as an access token would carry them; ID tokens (the default) have none. */
  scopes?: string[];
}

export interface JwtAuthorizerContext {
  claims: Record<string, string>;
  scopes: string[] | null;
}

const TOKEN_LIFETIME_SECONDS = 3600;

export class DevIdentities {
  private readonly users = new Map<string, DevUser>();

  /** Registers the user and returns a bearer token for it; `token` fixes the value (e.g. from HEED_STAFF_TOKEN). */
  issue(user: DevUser, token = `heed-dev-${randomBytes(24).toString("base64url")}`): string {
    this.users.set(token, user);
    return token;
  }

  /** The user behind an `Authorization` header value (`Bearer <token>`, or the bare token, as API Gateway accepts). */
  authenticate(authorization: string | undefined): DevUser | undefined {
    if (!authorization) return undefined;
    const token = authorization.replace(/^Bearer\s+/i, "").trim();
    return this.users.get(token);
  }
}

/**
 * The development users the sandbox seeds, one per staff group, for the staff console's development
 * sign-in: dev-frontline, dev-supervisor, dev-management, dev-head-office and dev-admin, and dev-nogroup,
 * signed in but in no group yet (as a new Cognito user is before deploy step 6).
 */
export function seededDevUsers(domain: string): DevUser[] {
  const inGroups = ["frontline", "supervisor", "management", "head-office", "admin"].map((group) => ({
    username: `dev-${group}`,
    email: `dev-${group}@${domain}`,
    groups: [group],
  }));
  return [...inGroups, { username: "dev-nogroup", email: `dev-nogroup@${domain}`, groups: [] }];
}

/** A stable, UUID-shaped `sub` per username, so records made by a dev user survive restarts. */
export function devSubject(username: string): string {
  const hex = createHash("sha256").update(`heed-dev-user:${username}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The authorizer block of a payload 2.0 event for this user, shaped like a Cognito ID token's claims.
 * API Gateway turns every claim into a string; a list becomes `[a b]`.
 */
export function jwtAuthorizerContext(
  user: DevUser,
  authorizer: { issuer: string; audience: string[] },
  now = new Date(),
): JwtAuthorizerContext {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const claims: Record<string, string> = {
    sub: devSubject(user.username),
    email: user.email,
    email_verified: "true",
    "cognito:username": user.username,
    iss: authorizer.issuer,
    // An access token names its app client in client_id; an ID token in aud.
    [user.scopes ? "client_id" : "aud"]: authorizer.audience[0] ?? "",
    token_use: user.scopes ? "access" : "id",
    auth_time: String(issuedAt),
    iat: String(issuedAt),
    exp: String(issuedAt + TOKEN_LIFETIME_SECONDS),
  };
  if (user.groups.length > 0) claims["cognito:groups"] = `[${user.groups.join(" ")}]`;
  if (user.scopes) claims.scope = user.scopes.join(" ");
  return { claims, scopes: user.scopes ?? null };
}

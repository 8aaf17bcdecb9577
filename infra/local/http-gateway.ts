// The HTTP API on this machine: matches each request against the stack's routes, checks the JWT
// authorizer outside the handler (as API Gateway does), builds the payload 2.0 event, invokes the
// function and turns its result back into an HTTP response.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { type DevIdentities, jwtAuthorizerContext } from "./dev-identities";
import { closeServer, type ListenTarget, listenLocally } from "./emulators";
import type { InvocationOutcome } from "./lambda-runtime";
import type { LocalHttpRoute } from "./resource-plan";

/**
 * Answers requests that match no API route (the place for the web form page and the staff
 * console); resolves to false to leave the request to the gateway's 404.
 */
export type HttpFallback = (request: IncomingMessage, response: ServerResponse) => boolean | Promise<boolean>;

export interface HttpGatewayOptions {
  routes: LocalHttpRoute[];
  identities: DevIdentities;
  invoke: (functionLogicalId: string, event: APIGatewayProxyEventV2) => Promise<InvocationOutcome>;
  accountId: string;
  fallback?: HttpFallback;
  onError: (error: unknown) => void;
}

export interface HttpGateway {
  port: number;
  stop(): Promise<void>;
}

/** API Gateway's payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const LOCAL_API_ID = "local";

interface CompiledRoute {
  route: LocalHttpRoute;
  method: string;
  segments: string[];
  pattern: RegExp;
  parameters: string[];
}

export function compileRoutes(routes: LocalHttpRoute[]): CompiledRoute[] {
  return routes.map(compileRoute).sort((a, b) => specificity(b) - specificity(a));
}

function compileRoute(route: LocalHttpRoute): CompiledRoute {
  if (route.routeKey === "$default") {
    return { route, method: "ANY", segments: [], pattern: /^\/.*$/, parameters: [] };
  }
  const [method = "ANY", path = "/"] = route.routeKey.split(" ");
  const segments = path.split("/").filter(Boolean);
  const parameters: string[] = [];
  const source = segments
    .map((segment) => {
      const parameter = /^\{(.+?)(\+)?\}$/.exec(segment);
      if (!parameter) return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
      parameters.push(parameter[1] ?? "");
      return parameter[2] ? "/(.+)" : "/([^/]+)";
    })
    .join("");
  return { route, method, segments, pattern: new RegExp(`^${source || "/"}$`), parameters };
}

/** API Gateway prefers literal segments over parameters over greedy paths, a method over ANY, and $default last. */
function specificity(compiled: CompiledRoute): number {
  if (compiled.route.routeKey === "$default") return Number.NEGATIVE_INFINITY;
  const literal = compiled.segments.filter((segment) => !segment.startsWith("{")).length;
  const greedy = compiled.segments.some((segment) => segment.endsWith("+}")) ? 1 : 0;
  return -greedy * 1e4 + literal * 10 + compiled.segments.length + (compiled.method === "ANY" ? 0 : 1);
}

export function matchRoute(
  compiled: CompiledRoute[],
  method: string,
  path: string,
): { route: LocalHttpRoute; pathParameters: Record<string, string> } | undefined {
  for (const candidate of compiled) {
    if (candidate.method !== "ANY" && candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const pathParameters = Object.fromEntries(
      candidate.parameters.map((name, index) => [name, safeDecode(match[index + 1] ?? "")]),
    );
    return { route: candidate.route, pathParameters };
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export async function startHttpGateway(
  options: HttpGatewayOptions,
  target: ListenTarget,
): Promise<HttpGateway> {
  const compiled = compileRoutes(options.routes);
  const server: Server = createServer((request, response) => {
    handle(request, response, compiled, options).catch((error: unknown) => {
      options.onError(error);
      if (!response.headersSent) sendJson(response, 500, { message: "Internal Server Error" });
      else response.destroy();
    });
  });
  const port = await listenLocally(server, target);
  return { port, stop: () => closeServer(server) };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  compiled: CompiledRoute[],
  options: HttpGatewayOptions,
): Promise<void> {
  // API Gateway request ids look like `JKJaXmPLvHcESHA=`.
  const requestId = randomBytes(11).toString("base64");
  response.setHeader("apigw-requestid", requestId);
  const url = new URL(request.url ?? "/", "http://localhost");
  const method = (request.method ?? "GET").toUpperCase();
  const matched = matchRoute(compiled, method, url.pathname);
  if (!matched) {
    if (options.fallback && (await options.fallback(request, response))) return;
    sendJson(response, 404, { message: "Not Found" });
    return;
  }
  const { route, pathParameters } = matched;

  let authorizer: ReturnType<typeof jwtAuthorizerContext> | undefined;
  if (route.authorization.type === "JWT") {
    const user = options.identities.authenticate(request.headers.authorization);
    if (!user) {
      response.setHeader("www-authenticate", "Bearer");
      sendJson(response, 401, { message: "Unauthorized" });
      return;
    }
    const required = route.authorization.scopes;
    if (required.length > 0 && !required.some((scope) => user.scopes?.includes(scope))) {
      sendJson(response, 403, { message: "Forbidden" });
      return;
    }
    authorizer = jwtAuthorizerContext(user, route.authorization);
  }

  const body = await readBody(request);
  if (body === undefined) {
    sendJson(response, 413, { message: "Request Entity Too Large" });
    return;
  }
  const event = payloadEvent(
    request,
    url,
    route,
    pathParameters,
    body,
    requestId,
    options.accountId,
    authorizer,
  );
  const outcome = await options.invoke(route.functionLogicalId, event);
  if (!outcome.ok) {
    sendJson(response, 500, { message: "Internal Server Error" });
    return;
  }
  writeResult(response, outcome.payload);
}

/** The body, or undefined when it is over API Gateway's limit. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Payload 2.0 passes these as text and base64-encodes every other body. */
function isTextual(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type.endsWith("+json") ||
    type === "application/xml" ||
    type.endsWith("+xml") ||
    type === "application/javascript"
  );
}

function payloadEvent(
  request: IncomingMessage,
  url: URL,
  route: LocalHttpRoute,
  pathParameters: Record<string, string>,
  body: Buffer,
  requestId: string,
  accountId: string,
  authorizer: ReturnType<typeof jwtAuthorizerContext> | undefined,
): APIGatewayProxyEventV2 {
  const sourceIp = (request.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.headersDistinct)) {
    if (name !== "cookie" && values) headers[name] = values.join(",");
  }
  headers["x-forwarded-for"] = sourceIp;
  headers["x-forwarded-proto"] = "http";
  headers["x-forwarded-port"] = String(request.socket.localPort ?? "");
  headers["x-amzn-trace-id"] =
    `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;

  const cookies = (request.headers.cookie ?? "")
    .split(";")
    .map((cookie) => cookie.trim())
    .filter(Boolean);
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  }
  const rawPath = (request.url ?? "/").split("?")[0] ?? "/";
  const host = (request.headers.host ?? "localhost").replace(/:\d+$/, "");
  const now = new Date();
  const textual = isTextual(request.headers["content-type"]);

  const event: APIGatewayProxyEventV2 = {
    version: "2.0",
    routeKey: route.routeKey,
    rawPath,
    rawQueryString: url.search.slice(1),
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId,
      apiId: LOCAL_API_ID,
      domainName: host,
      domainPrefix: host.split(".")[0] ?? host,
      http: {
        method: (request.method ?? "GET").toUpperCase(),
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: request.headers["user-agent"] ?? "",
      },
      requestId,
      routeKey: route.routeKey,
      stage: "$default",
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
      ...(authorizer ? { authorizer: { jwt: authorizer } } : {}),
    },
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    isBase64Encoded: body.length > 0 && !textual,
    ...(body.length > 0 ? { body: textual ? body.toString("utf8") : body.toString("base64") } : {}),
  };
  return event;
}

/** `12/Mar/2020:19:03:58 +0000` */
function apiGatewayTime(date: Date): string {
  const [, day, month, year, time] = date.toUTCString().split(" ");
  return `${day}/${month}/${year}:${time} +0000`;
}

/** Payload 2.0 response rules: a result without `statusCode` is a 200 JSON body. */
function writeResult(response: ServerResponse, payload: unknown): void {
  const structured =
    payload !== null && typeof payload === "object" && "statusCode" in payload
      ? (payload as APIGatewayProxyStructuredResultV2)
      : undefined;
  if (!structured) {
    const body = typeof payload === "string" ? payload : JSON.stringify(payload);
    response.writeHead(200, { "content-type": "application/json" });
    response.end(body);
    return;
  }
  const statusCode = Number(structured.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    sendJson(response, 500, { message: "Internal Server Error" });
    return;
  }
  for (const [name, value] of Object.entries(structured.headers ?? {}))
    response.setHeader(name, String(value));
  if (structured.cookies?.length) response.setHeader("set-cookie", structured.cookies);
  const body = structured.body ?? "";
  response.writeHead(statusCode);
  response.end(structured.isBase64Encoded ? Buffer.from(body, "base64") : body);
}

function sendJson(response: ServerResponse, statusCode: number, value: unknown): void {
  response.writeHead(statusCode, { "content-type": "application/json" });
  response.end(JSON.stringify(value));
}

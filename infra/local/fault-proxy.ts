// A small fault layer between the functions and the emulators, for tests that prove nothing is lost:
// one HTTP proxy per service forwards every request unchanged, unless a fault rule matches it, in which
// case it answers as AWS does when throttling, unavailable or refusing (or holds the request, so the
// function times out mid-call as if it crashed). Functions are pointed at it through AWS_ENDPOINT_URL_*.
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import { closeServer, LOCALHOST, listenLocally, type RunningService } from "./emulators";

export type FaultService = "dynamodb" | "sqs" | "s3" | "ses";

/**
 * - `throughput-exceeded`: DynamoDB's ProvisionedThroughputExceededException.
 * - `throttling`: the service's throttling error (ThrottlingException, TooManyRequests, SlowDown).
 * - `unavailable`: HTTP 503.
 * - `rejected`: a permanent refusal (SES MessageRejected, DynamoDB ValidationException, S3 AccessDenied).
 * - `ses-sandbox`: SES only: what an account still in the SES sandbox answers a send to an unverified
 *   recipient (AccessDenied on the recipient's identity); other services treat it as `rejected`.
 * - `hang`: no answer until the caller goes away: with a short function timeout, a crash at that call.
 */
export type FaultKind =
  | "throughput-exceeded"
  | "throttling"
  | "unavailable"
  | "rejected"
  | "ses-sandbox"
  | "hang";

export interface FaultRule {
  service: FaultService;
  /** API operations, e.g. `PutItem`, `SendMessage`, `SendEmail`, `GetObject`; every operation when absent. */
  operations?: string[];
  /** Only requests whose path or body contains this text: a table, queue or object key, an address. */
  matching?: string;
  fault: FaultKind;
  /** Fails this many matching calls (each SDK retry is a call), then lets them through; default: until cleared. */
  times?: number;
}

export interface InjectedFault {
  /** Matching calls answered with the fault so far. */
  readonly hits: number;
  /** Lets matching calls through again. Calls already held by `hang` stay held until their caller goes. */
  clear(): void;
}

export interface FaultController {
  inject(rule: FaultRule): InjectedFault;
  clearAll(): void;
}

class ActiveFault implements InjectedFault {
  hits = 0;
  constructor(
    readonly rule: FaultRule,
    private readonly remove: (fault: ActiveFault) => void,
  ) {}

  matches(service: FaultService, operation: string, text: string): boolean {
    const { rule } = this;
    return (
      rule.service === service &&
      (rule.operations === undefined || rule.operations.includes(operation)) &&
      (rule.matching === undefined || text.includes(rule.matching)) &&
      (rule.times === undefined || this.hits < rule.times)
    );
  }

  clear(): void {
    this.remove(this);
  }
}

/** The rules every service's proxy consults; the sandbox exposes it as `sandbox.faults`. */
export class FaultInjector implements FaultController {
  private readonly faults = new Set<ActiveFault>();

  inject(rule: FaultRule): InjectedFault {
    const fault = new ActiveFault(rule, (done) => this.faults.delete(done));
    this.faults.add(fault);
    return fault;
  }

  clearAll(): void {
    this.faults.clear();
  }

  /** The fault to answer this call with, counting the hit, or undefined to let it through. */
  take(service: FaultService, operation: string, text: string): FaultKind | undefined {
    for (const fault of this.faults) {
      if (!fault.matches(service, operation, text)) continue;
      fault.hits += 1;
      return fault.rule.fault;
    }
    return undefined;
  }
}

/** The operation a request calls, as the SDK names it. */
export function operationOf(service: FaultService, method: string, url: URL, target: string | undefined) {
  if (target) return target.slice(target.lastIndexOf(".") + 1);
  if (service === "ses") {
    return method === "POST" && url.pathname === "/v2/email/outbound-emails"
      ? "SendEmail"
      : `${method} ${url.pathname}`;
  }
  if (service === "s3") {
    const isObject = url.pathname.split("/").filter(Boolean).length > 1;
    if (!isObject) return method === "GET" ? "ListObjectsV2" : `${method}Bucket`;
    return (
      { GET: "GetObject", PUT: "PutObject", DELETE: "DeleteObject", HEAD: "HeadObject" }[method] ?? method
    );
  }
  return method;
}

interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_1_0 = "application/x-amz-json-1.0";

/** The first recipient of an SES v2 SendEmail body, as SES names it in a sandbox refusal. */
function sesRecipient(body: string): string {
  try {
    const input = JSON.parse(body) as { Destination?: { ToAddresses?: string[] } };
    return input.Destination?.ToAddresses?.[0] ?? "";
  } catch {
    return "";
  }
}

function answer(service: FaultService, requested: Exclude<FaultKind, "hang">, body: string): FaultAnswer {
  if (service === "ses" && requested === "ses-sandbox") {
    const identity = `arn:aws:ses:eu-west-2:000000000000:identity/${sesRecipient(body)}`;
    return {
      status: 403,
      headers: { "content-type": "application/json", "x-amzn-errortype": "AccessDeniedException" },
      body: JSON.stringify({
        message: `User \`arn:aws:sts::000000000000:assumed-role/heed/fn' is not authorized to perform \`ses:SendEmail' on resource \`${identity}'`,
      }),
    };
  }
  const fault = requested === "ses-sandbox" ? "rejected" : requested;
  switch (service) {
    case "dynamodb": {
      const [status, type] = {
        "throughput-exceeded": [
          400,
          "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
        ],
        throttling: [400, "com.amazon.coral.availability#ThrottlingException"],
        unavailable: [503, "com.amazonaws.dynamodb.v20120810#ServiceUnavailable"],
        rejected: [400, "com.amazon.coral.validate#ValidationException"],
      }[fault] as [number, string];
      return jsonAnswer(status, { __type: type, message: `fault injected: ${fault}` });
    }
    case "sqs": {
      const [status, code] = {
        "throughput-exceeded": [400, "RequestThrottled"],
        throttling: [400, "RequestThrottled"],
        unavailable: [503, "ServiceUnavailable"],
        rejected: [400, "InvalidParameterValue"],
      }[fault] as [number, string];
      return {
        ...jsonAnswer(status, { __type: `com.amazonaws.sqs#${code}`, message: `fault injected: ${fault}` }),
        headers: { "content-type": JSON_1_0, "x-amzn-query-error": `AWS.SimpleQueueService.${code};Sender` },
      };
    }
    case "ses": {
      const [status, code] = {
        "throughput-exceeded": [429, "TooManyRequestsException"],
        throttling: [429, "TooManyRequestsException"],
        unavailable: [503, "ServiceUnavailable"],
        rejected: [400, "MessageRejected"],
      }[fault] as [number, string];
      return {
        status,
        headers: { "content-type": "application/json", "x-amzn-errortype": code },
        body: JSON.stringify({ message: `fault injected: ${fault}` }),
      };
    }
    case "s3": {
      const [status, code] = {
        "throughput-exceeded": [503, "SlowDown"],
        throttling: [503, "SlowDown"],
        unavailable: [503, "ServiceUnavailable"],
        rejected: [403, "AccessDenied"],
      }[fault] as [number, string];
      return {
        status,
        headers: { "content-type": "application/xml" },
        body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>fault injected: ${fault}</Message></Error>`,
      };
    }
  }
}

function jsonAnswer(status: number, body: object): FaultAnswer {
  return { status, headers: { "content-type": JSON_1_0 }, body: JSON.stringify(body) };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** Starts the proxy for one service in front of the emulator at `target` (an endpoint URL). */
export async function startFaultProxy(
  service: FaultService,
  target: string,
  injector: FaultInjector,
): Promise<RunningService> {
  const upstream = new URL(target);
  const held = new Set<ServerResponse>();
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url ?? "/", `http://${LOCALHOST}`);
    const target = request.headers["x-amz-target"];
    const operation = operationOf(
      service,
      request.method ?? "GET",
      url,
      typeof target === "string" ? target : undefined,
    );
    const text = `${decodeURIComponent(url.pathname)}\n${body.toString("utf8")}`;
    const fault = injector.take(service, operation, text);
    if (fault === "hang") {
      held.add(response);
      response.on("close", () => held.delete(response));
      return;
    }
    if (fault) {
      const { status, headers, body: faultBody } = answer(service, fault, body.toString("utf8"));
      response.writeHead(status, { ...headers, "content-length": Buffer.byteLength(faultBody) });
      response.end(faultBody);
      return;
    }
    // The body is already read, so the emulator gets it in one piece, without a 100-continue round trip.
    const { expect: _expect, ...headers } = request.headers;
    const proxied = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers,
      },
      (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(response);
      },
    );
    proxied.on("error", () => response.destroy());
    response.on("close", () => {
      if (!response.writableFinished) proxied.destroy();
    });
    proxied.end(body);
  });
  const port = await listenLocally(server, { port: 0, service: `${service} fault proxy` });
  return {
    port,
    endpoint: `http://${LOCALHOST}:${port}`,
    stop: async () => {
      for (const response of held) response.destroy();
      await closeServer(server);
    },
  };
}

// Starts the AWS emulators the sandbox runs in-process, each bound to 127.0.0.1 only: dynalite for
// DynamoDB and s3rver for S3 (both persistent under the data folder), fauxqs for SQS (in memory)
// and aws-ses-v2-local for SES, whose web viewer shows every message Heed sends.
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import dynalite from "dynalite";
import { buildApp } from "fauxqs";
import S3rver from "s3rver";

export const LOCALHOST = "127.0.0.1";

/** The region the stack deploys to; the emulators put it in every ARN and queue URL. */
export const LOCAL_REGION = "eu-west-2";

/** fauxqs puts this account id in every queue URL and ARN. */
export const EMULATOR_ACCOUNT_ID = "000000000000";

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    service: string,
    variable: string | undefined,
    options?: ErrorOptions,
  ) {
    super(
      `port ${port} for the ${service} is already in use` +
        (variable ? `; stop whatever holds it or set ${variable} to a free port` : ""),
      options,
    );
    this.name = "PortInUseError";
  }
}

export interface RunningService {
  port: number;
  /** Base URL for AWS SDK clients (`endpoint`). */
  endpoint: string;
  stop(): Promise<void>;
}

export interface ListenTarget {
  port: number;
  /** Human name used in errors, e.g. `HTTP API`. */
  service: string;
  /** Environment variable that moves the port, named in the error when it is taken. */
  variable?: string;
}

/** Listens on 127.0.0.1 and resolves with the bound port, turning EADDRINUSE into a {@link PortInUseError}. */
export function listenLocally(
  server: Server | import("node:net").Server,
  target: ListenTarget,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new PortInUseError(target.port, target.service, target.variable, { cause: error })
          : error,
      );
    };
    server.once("error", onError);
    server.listen(target.port, LOCALHOST, () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : target.port);
    });
  });
}

/** Closes a server including idle keep-alive connections, which AWS SDK clients hold open. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

export async function startDynamoDb(options: { dataDir: string; port: number }): Promise<RunningService> {
  const path = join(options.dataDir, "dynamodb");
  mkdirSync(path, { recursive: true });
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listenLocally(server, { port: options.port, service: "DynamoDB emulator" });
  return { port, endpoint: `http://${LOCALHOST}:${port}`, stop: () => closeServer(server) };
}

export interface RunningSqs extends RunningService {
  /**
   * Endpoint for code that keeps the SDK's default of sending each request to its queue URL's host
   * (the functions): the same origin as the queue URLs, whose `*.localhost` names the function
   * runtime resolves to 127.0.0.1.
   */
  queueUrlEndpoint: string;
  queueUrl(queueName: string): string;
}

export async function startSqs(options: { port: number; region: string }): Promise<RunningSqs> {
  const app = buildApp({ logger: false, defaultRegion: options.region });
  try {
    await app.listen({ host: LOCALHOST, port: options.port });
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code === "EADDRINUSE"
      ? new PortInUseError(options.port, "SQS emulator", undefined, { cause: error })
      : error;
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  // fauxqs names queues `sqs.<region>.localhost` and finds them by the exact URL.
  const queueUrlEndpoint = `http://sqs.${options.region}.localhost:${port}`;
  return {
    port,
    endpoint: `http://${LOCALHOST}:${port}`,
    queueUrlEndpoint,
    queueUrl: (queueName) => `${queueUrlEndpoint}/${EMULATOR_ACCOUNT_ID}/${queueName}`,
    stop: () => app.close(),
  };
}

export interface RunningS3 extends RunningService {
  /** Emits `event` for every object written, which the bucket-notification bridge turns into S3 events. */
  emulator: S3rver;
}

/** s3rver accepts only this access key pair, so every sandbox client and function uses it. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export async function startS3(options: { dataDir: string; port: number }): Promise<RunningS3> {
  const directory = join(options.dataDir, "s3");
  mkdirSync(directory, { recursive: true });
  const emulator = new S3rver({ directory, silent: true, allowMismatchedSignatures: true });
  // s3rver's own run() never rejects when the port is taken, so it is served from a server of ours.
  const server = createServer(emulator.callback());
  const port = await listenLocally(server, { port: options.port, service: "S3 emulator" });
  return { port, endpoint: `http://${LOCALHOST}:${port}`, emulator, stop: () => closeServer(server) };
}

// CommonJS with an `__esModule` default export, which Node's ES module loader does not unwrap.
const { default: startSesServer } = createRequire(import.meta.url)(
  "aws-ses-v2-local",
) as typeof import("aws-ses-v2-local");

export async function startSes(options: { port: number; variable?: string }): Promise<RunningService> {
  const server = await startSesServer({ host: LOCALHOST, port: options.port });
  // The library resolves even when listening failed, so a server that is not listening means a taken port.
  if (!server.listening) {
    throw new PortInUseError(options.port, "SES emulator", options.variable);
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return { port, endpoint: `http://${LOCALHOST}:${port}`, stop: () => closeServer(server) };
}

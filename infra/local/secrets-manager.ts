// A small Secrets Manager for the sandbox, since none of the npm emulators has one: the stack's
// AWS::SecretsManager::Secret resources, each given a generated value on first start and kept under the
// data folder, served over Secrets Manager's own JSON protocol (GetSecretValue, PutSecretValue), so the
// functions read their keys through the same SDK and Powertools calls as in AWS, and a value put with
// `aws secretsmanager put-secret-value` (or the SDK) rotates it: the old one stays as AWSPREVIOUS.
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { join } from "node:path";
import { closeServer, LOCALHOST, listenLocally, type RunningService } from "./emulators";
import type { LocalSecret } from "./resource-plan";

interface StoredVersion {
  versionId: string;
  value: string;
  createdAt: number;
}

interface StoredSecret {
  current: StoredVersion;
  previous?: StoredVersion;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** What Secrets Manager's GenerateSecretString makes of `PasswordLength` with punctuation excluded. */
function generated(length: number): string {
  return Array.from(randomBytes(length), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join("");
}

class SecretsManagerError extends Error {
  constructor(
    readonly type: "ResourceNotFoundException" | "InvalidRequestException" | "InvalidParameterException",
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

export class LocalSecretsManager {
  private readonly file: string;
  private readonly stored: Record<string, StoredSecret>;

  constructor(
    private readonly secrets: readonly LocalSecret[],
    dataDir: string,
  ) {
    this.file = join(dataDir, "secrets.json");
    this.stored = existsSync(this.file)
      ? (JSON.parse(readFileSync(this.file, "utf8")) as Record<string, StoredSecret>)
      : {};
    for (const secret of secrets) {
      this.stored[secret.name] ??= {
        current: { versionId: randomUUID(), value: generated(secret.length), createdAt: Date.now() / 1000 },
      };
    }
    this.save();
  }

  /** The secret's current value, by name or ARN (for tests that sign as a function would). */
  current(secretId: string): string {
    return this.stored[this.find(secretId).name]?.current.value ?? "";
  }

  private find(secretId: string): LocalSecret {
    const secret = this.secrets.find(
      (candidate) => candidate.name === secretId || candidate.arn === secretId,
    );
    if (!secret)
      throw new SecretsManagerError(
        "ResourceNotFoundException",
        "Secrets Manager can't find the specified secret.",
      );
    return secret;
  }

  private save(): void {
    writeFileSync(this.file, `${JSON.stringify(this.stored, null, 2)}\n`, { mode: 0o600 });
  }

  /** One JSON 1.1 request, named by its `X-Amz-Target`. */
  handle(operation: string, input: Record<string, unknown>): Record<string, unknown> {
    const secret = this.find(String(input.SecretId ?? ""));
    const stored = this.stored[secret.name] as StoredSecret;
    const described = { ARN: secret.arn, Name: secret.name };
    switch (operation) {
      case "GetSecretValue": {
        const stage = input.VersionStage ?? "AWSCURRENT";
        const version =
          stage === "AWSCURRENT" ? stored.current : stage === "AWSPREVIOUS" ? stored.previous : undefined;
        if (!version) {
          throw new SecretsManagerError(
            "ResourceNotFoundException",
            `The secret has no version with stage ${String(stage)}.`,
          );
        }
        return {
          ...described,
          VersionId: version.versionId,
          SecretString: version.value,
          VersionStages: [stage],
          CreatedDate: version.createdAt,
        };
      }
      case "PutSecretValue": {
        if (typeof input.SecretString !== "string" || input.SecretString === "") {
          throw new SecretsManagerError(
            "InvalidParameterException",
            "SecretString must be a non-empty string.",
          );
        }
        const versionId =
          typeof input.ClientRequestToken === "string" ? input.ClientRequestToken : randomUUID();
        if (stored.current.versionId !== versionId) {
          this.stored[secret.name] = {
            current: { versionId, value: input.SecretString, createdAt: Date.now() / 1000 },
            previous: stored.current,
          };
          this.save();
        }
        return { ...described, VersionId: versionId, VersionStages: ["AWSCURRENT"] };
      }
      default:
        throw new SecretsManagerError(
          "InvalidRequestException",
          `${operation} is not offered by the local Secrets Manager.`,
        );
    }
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** Serves the secrets on 127.0.0.1 for `AWS_ENDPOINT_URL_SECRETS_MANAGER`. */
export async function startSecretsManager(secrets: LocalSecretsManager, port = 0): Promise<RunningService> {
  const server = createServer(async (request, response) => {
    const target = String(request.headers["x-amz-target"] ?? "");
    const operation = target.startsWith("secretsmanager.") ? target.slice("secretsmanager.".length) : target;
    let status = 200;
    let body: Record<string, unknown>;
    try {
      body = secrets.handle(
        operation,
        JSON.parse((await readBody(request)) || "{}") as Record<string, unknown>,
      );
    } catch (error) {
      status = 400;
      body =
        error instanceof SecretsManagerError
          ? { __type: error.type, message: error.message }
          : { __type: "InvalidRequestException", message: "the request could not be read" };
    }
    const text = JSON.stringify(body);
    response.writeHead(status, {
      "content-type": "application/x-amz-json-1.1",
      "content-length": Buffer.byteLength(text),
    });
    response.end(text);
  });
  const bound = await listenLocally(server, { port, service: "Secrets Manager" });
  return { port: bound, endpoint: `http://${LOCALHOST}:${bound}`, stop: () => closeServer(server) };
}

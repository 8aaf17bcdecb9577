// Signing keys are read at run time, never from the functions' configuration: the sandbox serves the
// stack's secrets over Secrets Manager's own protocol, a new value put with the SDK (as `aws
// secretsmanager put-secret-value` would) is what the web form signs and checks with once the functions'
// cache expires, and pages signed with the old key are then refused. No redeploy, no restart.

import { randomUUID } from "node:crypto";
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { afterAll, describe, expect, it } from "vitest";
import { postSignedComplaint } from "./support/form-posts";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

describe("signing keys read at run time", () => {
  const sandbox = withSandbox({ secretsMaxAgeSeconds: 1 });
  let client: SecretsManagerClient | undefined;
  const secretsManager = () => {
    client ??= new SecretsManagerClient({
      region: sandbox().region,
      endpoint: sandbox().urls.secretsManager,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    return client;
  };
  afterAll(() => client?.destroy());

  const formKeySecret = () => {
    const fn = sandbox().plan.functions.find(
      (candidate) => candidate.entry === "functions/web-form/handler.ts",
    );
    const secretId = fn?.environment.FORM_SIGNING_KEY_SECRET;
    if (!secretId) throw new Error("the web form is not handed its signing key's secret");
    return secretId;
  };

  /** The status of a complaint posted on a page signed with `signingKey`. */
  async function postSignedWith(signingKey: string): Promise<number> {
    const response = await postSignedComplaint(sandbox(), signingKey);
    await response.arrayBuffer();
    return response.status;
  }

  it("hands the functions the secret's ARN, and serves its value over Secrets Manager's protocol", async () => {
    // Act
    const read = await secretsManager().send(new GetSecretValueCommand({ SecretId: formKeySecret() }));

    // Assess
    expect(formKeySecret()).toMatch(/^arn:aws:secretsmanager:/);
    expect(read.SecretString).toHaveLength(64);
    expect(read.SecretString).toBe(sandbox().secrets.current(formKeySecret()));
  });

  it("signs and checks with a rotated key once the functions' cache expires, refusing pages signed with the old one", async () => {
    // Prepare
    const oldKey = sandbox().secrets.current(formKeySecret());
    const newKey = `rotated${randomUUID().replaceAll("-", "")}${randomUUID().replaceAll("-", "")}`;
    expect(await postSignedWith(oldKey)).toBe(201);

    // Act
    await secretsManager().send(
      new PutSecretValueCommand({ SecretId: formKeySecret(), SecretString: newKey }),
    );
    await waitFor(async () => (await postSignedWith(newKey)) === 201, {
      description: "a page signed with the new key accepted",
      intervalMs: 500,
      timeoutMs: 15_000,
    });

    // Assess
    expect(await postSignedWith(oldKey)).not.toBe(201);
    const previous = await secretsManager().send(
      new GetSecretValueCommand({ SecretId: formKeySecret(), VersionStage: "AWSPREVIOUS" }),
    );
    expect(previous.SecretString).toBe(oldKey);
    expect(sandbox().secrets.current(formKeySecret())).toBe(newKey);
  });
});

// Signing keys are read at run time, never from the functions' configuration: the sandbox serves the
// stack's secrets over Secrets Manager's own protocol, a new value put with the SDK (as `aws
// secretsmanager put-secret-value` would) is what the web form and the case page sign and check with once
// the functions' cache expires, and pages and links signed with the old key are then refused. No
// redeploy, no restart.

import { randomUUID } from "node:crypto";
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { afterAll, describe, expect, it } from "vitest";
import { HmacCasePageTokens } from "../../shared/adapters/hmac-case-page-tokens";
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

  /** The secret a function is handed in `variable`. */
  const secretOf = (entry: string, variable: string) => {
    const secretId = sandbox().plan.functions.find((candidate) => candidate.entry === entry)?.environment[
      variable
    ];
    if (!secretId) throw new Error(`${entry} is not handed ${variable}`);
    return secretId;
  };
  const formKeySecret = () => secretOf("functions/web-form/handler.ts", "FORM_SIGNING_KEY_SECRET");
  const casePageKeySecret = () => secretOf("functions/case-page/handler.ts", "CASE_PAGE_SIGNING_KEY_SECRET");

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

  /**
   * Puts a new value into the secret, as `aws secretsmanager put-secret-value` would, and waits until
   * `acceptedWith` holds for it: the functions' cache has expired. Returns the new value.
   */
  async function rotate(secretId: string, acceptedWith: (key: string) => Promise<boolean>): Promise<string> {
    const newKey = `rotated${randomUUID().replaceAll("-", "")}${randomUUID().replaceAll("-", "")}`;
    await secretsManager().send(new PutSecretValueCommand({ SecretId: secretId, SecretString: newKey }));
    await waitFor(() => acceptedWith(newKey), {
      description: "the new key accepted",
      intervalMs: 500,
      timeoutMs: 15_000,
    });
    return newKey;
  }

  it("signs and checks with a rotated key once the functions' cache expires, refusing pages signed with the old one", async () => {
    // Prepare
    const oldKey = sandbox().secrets.current(formKeySecret());
    expect(await postSignedWith(oldKey)).toBe(201);

    // Act
    const newKey = await rotate(formKeySecret(), async (key) => (await postSignedWith(key)) === 201);

    // Assess
    expect(await postSignedWith(oldKey)).not.toBe(201);
    const previous = await secretsManager().send(
      new GetSecretValueCommand({ SecretId: formKeySecret(), VersionStage: "AWSPREVIOUS" }),
    );
    expect(previous.SecretString).toBe(oldKey);
    expect(sandbox().secrets.current(formKeySecret())).toBe(newKey);
  });

  it("opens case-page links signed with a rotated key once the functions' cache expires, and no longer the old ones", async () => {
    // Prepare
    const email = `case-key-${randomUUID().slice(0, 8)}@example.org`;
    const posted = await postSignedComplaint(sandbox(), sandbox().secrets.current(formKeySecret()), {
      email,
    });
    expect(posted.status).toBe(201);
    const { reference } = (await posted.json()) as { reference: string };
    /** The status of the case page opened by a link signed with `signingKey`. */
    const openSignedWith = async (signingKey: string) => {
      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      const token = new HmacCasePageTokens(signingKey).issue({ caseReference: reference, expiresAt }, email);
      const response = await fetch(new URL(`/case/${token}`, sandbox().urls.http));
      await response.arrayBuffer();
      return response.status;
    };
    const oldKey = sandbox().secrets.current(casePageKeySecret());
    expect(await openSignedWith(oldKey)).toBe(200);

    // Act
    const newKey = await rotate(casePageKeySecret(), async (key) => (await openSignedWith(key)) === 200);

    // Assess
    expect(await openSignedWith(oldKey)).toBe(404);
    expect(sandbox().secrets.current(casePageKeySecret())).toBe(newKey);
  });
});

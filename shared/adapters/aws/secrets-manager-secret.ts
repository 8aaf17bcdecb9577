// Reads a secret from Secrets Manager at run time through Powertools Parameters, which caches each value
// for POWERTOOLS_PARAMETERS_MAX_AGE seconds (set per function by the stack): a signing key is never in a
// function's configuration, and a value put into the secret is in use within that time, no redeploy.
import { SecretsProvider } from "@aws-lambda-powertools/parameters/secrets";
import type { ReadSecret } from "../../ports";
import { secretsManagerClient } from "./clients";

/** The secret's value is missing or too short to sign with; fixing the secret fixes the function. */
export class UnusableSecretError extends Error {
  override name = "UnusableSecretError";
}

let provider: SecretsProvider | undefined;

/** A reader of the secret named by `secretId` (its ARN or name), refusing values under `minLength` characters. */
export function secretsManagerSecret(secretId: string, minLength: number): ReadSecret {
  return async () => {
    provider ??= new SecretsProvider({ awsSdkV3Client: secretsManagerClient() });
    const value = await provider.get(secretId);
    if (typeof value !== "string" || value.length < minLength) {
      throw new UnusableSecretError(`the secret is not a string of at least ${minLength} characters`);
    }
    return value;
  };
}

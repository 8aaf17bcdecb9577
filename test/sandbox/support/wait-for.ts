// Polling for tests that watch an asynchronous pipeline (SMTP -> S3 -> queue -> function) settle:
// the real emulators give no callback when work is done, so tests ask until the answer is there.

export class WaitForTimeoutError extends Error {
  constructor(description: string, timeoutMs: number, options?: ErrorOptions) {
    super(`timed out after ${timeoutMs} ms waiting for ${description}`, options);
    this.name = "WaitForTimeoutError";
  }
}

export interface WaitForOptions {
  /** Default 15 s: a cold function start plus a batch fits well inside it. */
  timeoutMs?: number;
  intervalMs?: number;
  /** What is awaited, for the timeout message. */
  description?: string;
}

/**
 * Calls `probe` until it returns a value other than undefined, null or false, and resolves with
 * that value. A probe that throws counts as "not yet"; the last error is the timeout's cause.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<Exclude<T, undefined | null | false>> {
  const { timeoutMs = 15_000, intervalMs = 100, description = "the condition" } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false)
        return value as Exclude<T, undefined | null | false>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new WaitForTimeoutError(
        description,
        timeoutMs,
        lastError === undefined ? undefined : { cause: lastError },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

// What every function is handed: the clock, randomness, secrets read at run time, logs and metrics.
// No personal data passes through logs or metrics.

export interface Clock {
  now(): Date;
}

export type RandomBytes = (size: number) => Uint8Array;

/**
 * A secret such as a signing key, read at run time and cached for a few minutes: it is never in the
 * function's configuration, and a rotated value is used without a redeploy.
 */
export type ReadSecret = () => Promise<string>;

/** Structured, personal-data-free logging: short lowercase messages with ids and reason codes. */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Counts for dashboards and alarms; names and values only, never personal data. */
export interface Metrics {
  publish(values: Record<string, number>): void;
}

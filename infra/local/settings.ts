// The sandbox's user-facing settings: fixed defaults, each overridable by a HEED_* environment
// variable. Kept apart from the sandbox itself so `npm run send` reads them without loading it.

export const DEFAULTS = {
  httpPort: 3000,
  smtpPort: 2525,
  sesPort: 8005,
  intakeAddress: "complaints@example.com",
  dataDir: ".heed",
  functionConcurrency: 2,
  /** Locally, staff digests gather for seconds, not the deployed five minutes, so a newcomer sees one at once. */
  digestWindowSeconds: 2,
} as const;

export interface SandboxSettings {
  /** HEED_HTTP_PORT, default 3000; 0 picks a free port. */
  httpPort?: number;
  /** HEED_SMTP_PORT, default 2525. */
  smtpPort?: number;
  /** HEED_SES_PORT, default 8005 (the SES emulator and its web viewer). */
  sesPort?: number;
  /** HEED_INTAKE_ADDRESS, default complaints@example.com: the receipt rule's recipient and INTAKE_ADDRESS. */
  intakeAddress?: string;
  /** HEED_DATA_DIR, default `.heed` under the repository: tables and raw mail persist here. */
  dataDir?: string;
  /** HEED_STAFF_TOKEN: the dev-admin bearer token; generated at start when absent. */
  staffToken?: string;
  /** HEED_RULE_PACK: the complaint rule pack the functions follow (COMPLAINT_RULE_PACK); default the file's. */
  rulePack?: string;
  /** HEED_CLOSE_OF_BUSINESS: when the business day ends, hh:mm London time (COMPLAINT_CLOSE_OF_BUSINESS). */
  closeOfBusiness?: string;
  /**
   * HEED_DIGEST_WINDOW_SECONDS, default 2: how long the referral notifier gathers each team's referrals
   * into one digest email (its queues' batching window; deployed, five minutes).
   */
  digestWindowSeconds?: number;
}

export class InvalidSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidSettingError";
  }
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxSettings {
  const text = (name: string) => env[name]?.trim() || undefined;
  const port = (name: string) => {
    const value = text(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0 || number > 65535) {
      throw new InvalidSettingError(`${name} must be a port number, got ${JSON.stringify(value)}`);
    }
    return number;
  };
  const seconds = (name: string) => {
    const value = text(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0 || number > 300) {
      throw new InvalidSettingError(
        `${name} must be whole seconds from 0 to 300, got ${JSON.stringify(value)}`,
      );
    }
    return number;
  };
  const settings: SandboxSettings = {
    httpPort: port("HEED_HTTP_PORT"),
    smtpPort: port("HEED_SMTP_PORT"),
    sesPort: port("HEED_SES_PORT"),
    intakeAddress: text("HEED_INTAKE_ADDRESS"),
    dataDir: text("HEED_DATA_DIR"),
    staffToken: text("HEED_STAFF_TOKEN"),
    rulePack: text("HEED_RULE_PACK"),
    closeOfBusiness: text("HEED_CLOSE_OF_BUSINESS"),
    digestWindowSeconds: seconds("HEED_DIGEST_WINDOW_SECONDS"),
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

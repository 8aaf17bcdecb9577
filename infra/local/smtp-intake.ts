// SES email receiving on this machine: an SMTP server that accepts mail for the receipt rule's
// recipients and stores each message in the raw-mail bucket as the rule's S3 action does (the
// headers SES adds, keyed by the SES message id under the rule's prefix), then hands the rule's Lambda
// actions SES's receipt event. The bucket's own notification raises the S3 event on the intake queue.
import { randomInt } from "node:crypto";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { type ListenTarget, listenLocally } from "./emulators";

/** The largest message SES receives, headers included. */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export interface ReceiptTarget {
  recipients: string[];
  bucket: string;
  objectKeyPrefix: string;
}

export interface StoredMessage {
  messageId: string;
  bucket: string;
  key: string;
  recipients: string[];
  size: number;
  /** ISO time the message was received, as SES reports it to its receipt actions. */
  receivedAt: string;
}

export interface SmtpIntakeOptions {
  rule: ReceiptTarget;
  region: string;
  s3: S3Client;
  onStored?: (message: StoredMessage) => void;
  /**
   * The rule's actions after its S3 action (Lambda, invoked asynchronously): started once the message is
   * stored, without holding up the reply, as SES does. A failure is reported; the message stays accepted.
   */
  afterStored?: (message: StoredMessage) => Promise<void>;
  onError: (error: unknown) => void;
}

export interface SmtpIntake {
  port: number;
  stop(): Promise<void>;
}

/** SES matches a recipient by address, by domain, or (with a leading dot) by any subdomain. */
export function ruleMatches(recipients: string[], address: string): boolean {
  const lower = address.toLowerCase();
  const domain = lower.slice(lower.lastIndexOf("@") + 1);
  return recipients.some((pattern) => {
    const rule = pattern.toLowerCase();
    if (rule.includes("@")) return rule === lower;
    if (rule.startsWith(".")) return domain.endsWith(rule);
    return domain === rule;
  });
}

const MESSAGE_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** SES message ids (and so raw-mail object names) are 40 lower-case letters and digits. */
export function sesMessageId(): string {
  return Array.from({ length: 40 }, () => MESSAGE_ID_ALPHABET[randomInt(MESSAGE_ID_ALPHABET.length)]).join(
    "",
  );
}

/** `Sun, 27 Mar 2022 10:22:38 +0000 (UTC)` */
function receivedDate(date: Date): string {
  return date.toUTCString().replace("GMT", "+0000 (UTC)");
}

/** What SES decided about a message: spam and virus scans, and the sender's SPF, DKIM and DMARC. */
export interface StampedVerdicts {
  spam: "PASS" | "FAIL" | "GRAY";
  virus: "PASS" | "FAIL" | "GRAY";
  spf: "pass" | "fail" | "softfail" | "none";
  dkim: "pass" | "fail" | "none";
  dmarc: "pass" | "fail" | "none";
}

/**
 * Nothing is checked locally, so every message is stamped as passing, unless it asks otherwise in this
 * header (honoured by the local SMTP intake only, never in AWS, where SES writes the verdicts), e.g.
 * `X-Heed-Sandbox-Verdicts: spam=FAIL` or `spf=fail; dkim=none`. The spam, virus, SPF and DMARC paths
 * then run end to end through SMTP as they do behind SES.
 */
export const SANDBOX_VERDICTS_HEADER = "X-Heed-Sandbox-Verdicts";

const PASSING: StampedVerdicts = { spam: "PASS", virus: "PASS", spf: "pass", dkim: "pass", dmarc: "pass" };
const ALLOWED: { [K in keyof StampedVerdicts]: readonly StampedVerdicts[K][] } = {
  spam: ["PASS", "FAIL", "GRAY"],
  virus: ["PASS", "FAIL", "GRAY"],
  spf: ["pass", "fail", "softfail", "none"],
  dkim: ["pass", "fail", "none"],
  dmarc: ["pass", "fail", "none"],
};

/** The verdicts a message asks for in its own header section; passes for whatever it does not name. */
export function requestedVerdicts(message: Buffer): StampedVerdicts {
  const end = message.indexOf("\r\n\r\n");
  const headerSection = message.subarray(0, end < 0 ? message.length : end).toString("latin1");
  const line = new RegExp(`^${SANDBOX_VERDICTS_HEADER}:([^\\r\\n]*)`, "im").exec(headerSection)?.[1] ?? "";
  const verdicts: Record<string, string> = { ...PASSING };
  for (const pair of line.split(";")) {
    const [name = "", value = ""] = pair.split("=").map((part) => part.trim());
    const check = name.toLowerCase() as keyof StampedVerdicts;
    if (!(check in ALLOWED)) continue;
    const wanted = check === "spam" || check === "virus" ? value.toUpperCase() : value.toLowerCase();
    if ((ALLOWED[check] as readonly string[]).includes(wanted)) verdicts[check] = wanted;
  }
  return verdicts as unknown as StampedVerdicts;
}

/**
 * The headers SES prepends before storing a message, in SES's order: Return-Path from the envelope
 * sender, its own Received line, the spam and virus verdicts, then the sender's SPF, DKIM and DMARC
 * results.
 */
export function sesReceivedHeaders(options: {
  messageId: string;
  mailFrom: string | undefined;
  recipient: string;
  heloName: string;
  /** The client's name by reverse DNS. */
  clientHostname: string;
  remoteAddress: string;
  region: string;
  receivedAt: Date;
  verdicts?: StampedVerdicts;
}): string {
  const verdicts = options.verdicts ?? PASSING;
  const mailFrom = options.mailFrom ?? "";
  const domain = mailFrom.slice(mailFrom.lastIndexOf("@") + 1) || options.heloName;
  return [
    `Return-Path: <${options.mailFrom ?? ""}>`,
    `Received: from ${options.heloName} (${options.clientHostname} [${options.remoteAddress}])`,
    ` by inbound-smtp.${options.region}.amazonaws.com with SMTP id ${options.messageId}`,
    ` for ${options.recipient};`,
    ` ${receivedDate(options.receivedAt)}`,
    `X-SES-Spam-Verdict: ${verdicts.spam}`,
    `X-SES-Virus-Verdict: ${verdicts.virus}`,
    `Received-SPF: ${verdicts.spf} (spfCheck: local sandbox) client-ip=${options.remoteAddress};`,
    ` envelope-from=${mailFrom}; helo=${options.heloName};`,
    `Authentication-Results: amazonses.com;`,
    ` spf=${verdicts.spf} (spfCheck: local sandbox) smtp.mailfrom=${mailFrom};`,
    ` dkim=${verdicts.dkim} header.i=@${domain};`,
    ` dmarc=${verdicts.dmarc} header.from=${domain};`,
    "",
  ].join("\r\n");
}

/** The receipt event SES hands a Lambda action: what was stored and for whom, never the content. */
export function sesReceiptEvent(stored: StoredMessage, functionArn: string): unknown {
  return {
    Records: [
      {
        eventSource: "aws:ses",
        eventVersion: "1.0",
        ses: {
          mail: {
            timestamp: stored.receivedAt,
            messageId: stored.messageId,
            destination: stored.recipients,
          },
          receipt: {
            timestamp: stored.receivedAt,
            recipients: stored.recipients,
            action: { type: "Lambda", functionArn, invocationType: "Event" },
          },
        },
      },
    ],
  };
}

class SmtpReplyError extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
    this.name = "SmtpReplyError";
  }
}

export async function startSmtpIntake(options: SmtpIntakeOptions, target: ListenTarget): Promise<SmtpIntake> {
  const pendingActions = new Set<Promise<void>>();
  const server = new SMTPServer({
    banner: "Heed local SES receiving",
    size: MAX_MESSAGE_BYTES,
    authOptional: true,
    // SES requires TLS for this rule; locally the connection never leaves the machine.
    disabledCommands: ["AUTH", "STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      if (ruleMatches(options.rule.recipients, address.address)) return callback();
      callback(new SmtpReplyError(550, "Mailbox unavailable"));
    },
    onData(stream, session, callback) {
      receive(stream, session, options)
        .then((stored) => {
          const actions = options.afterStored?.(stored).catch(options.onError);
          if (actions) {
            pendingActions.add(actions);
            void actions.finally(() => pendingActions.delete(actions));
          }
          options.onStored?.(stored);
          callback(null, `Ok ${stored.messageId}`);
        })
        .catch((error: unknown) => {
          if (error instanceof SmtpReplyError) return callback(error);
          options.onError(error);
          callback(new SmtpReplyError(451, "Local processing error, try again"));
        });
    },
  });
  server.on("error", options.onError);
  const port = await listenLocally(server.server, target);
  return {
    port,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Receipt actions already started finish before the functions they invoke are stopped.
      await Promise.all(pendingActions);
    },
  };
}

async function receive(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  options: SmtpIntakeOptions,
): Promise<StoredMessage> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (stream.sizeExceeded) throw new SmtpReplyError(552, "Message exceeds fixed maximum message size");

  const recipients = session.envelope.rcptTo.map((address) => address.address);
  const messageId = sesMessageId();
  const receivedAt = new Date();
  const mailFrom = session.envelope.mailFrom;
  const headers = sesReceivedHeaders({
    messageId,
    mailFrom: mailFrom ? mailFrom.address : undefined,
    recipient: recipients[0] ?? "",
    heloName: session.hostNameAppearsAs || "unknown",
    // Reverse lookups are off (they can stall without a DNS server); only loopback clients come here.
    clientHostname: "localhost",
    remoteAddress: session.remoteAddress.replace(/^::ffff:/, ""),
    region: options.region,
    receivedAt,
    verdicts: requestedVerdicts(Buffer.concat(chunks)),
  });
  const body = Buffer.concat([Buffer.from(headers, "utf8"), ...chunks]);
  const key = `${options.rule.objectKeyPrefix}${messageId}`;
  await options.s3.send(new PutObjectCommand({ Bucket: options.rule.bucket, Key: key, Body: body }));
  return {
    messageId,
    bucket: options.rule.bucket,
    key,
    recipients,
    size: body.length,
    receivedAt: receivedAt.toISOString(),
  };
}

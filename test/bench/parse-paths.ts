// The two ways of parsing an email that the parse benchmark compares, kept in one place so timing and
// memory measure exactly the same work. Heed's path reads the message as a stream and, when it has
// attachments, reads it a second time streaming each attachment to a sink, as intake does to store them.
// The naive path is what intake did before: the whole object in memory, then mailparser's defaults.

import { simpleParser } from "mailparser";
import { MailparserMailParser } from "../../shared/adapters/mail/mailparser-mail-parser";
import { DEFAULT_MIME_LIMITS } from "../../shared/domain/mime-limits";
import { type ByteStream, MailBudgetError } from "../../shared/ports";

export type ParsePath = "heed" | "naive";

const parser = new MailparserMailParser();

/** What S3 hands intake: the object in socket-sized chunks. */
export async function* chunksOf(raw: Buffer, size = 64 * 1024): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < raw.length; offset += size) yield raw.subarray(offset, offset + size);
}

/** Stands in for the upload: reads every byte as a socket would, keeps none. */
async function uploadNowhere(_index: number, content: ByteStream): Promise<void> {
  for await (const _ of content);
}

/**
 * Heed's parse of one message, from a source that can be opened twice. Returns what intake would
 * decide from the parse alone: parsed, or quarantined with the budget it broke.
 */
export async function heedParse(open: () => ByteStream): Promise<string> {
  try {
    const email = await parser.parse(open(), DEFAULT_MIME_LIMITS);
    if (email.attachments.length > 0) await parser.parse(open(), DEFAULT_MIME_LIMITS, uploadNowhere);
    return "parsed";
  } catch (error) {
    if (error instanceof MailBudgetError) return `quarantined (${error.reason})`;
    throw error;
  }
}

export async function naiveParse(raw: Buffer): Promise<string> {
  await simpleParser(raw);
  return "parsed";
}

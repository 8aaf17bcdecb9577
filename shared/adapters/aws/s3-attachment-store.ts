// Attachment bytes go to the raw-mail bucket under `attachments/<case>/<hash>`: a generated key,
// never the sender's filename, outside the `inbound/` prefix that triggers intake. They stream from
// the parser into the upload, so even an attachment near SES's 40 MB limit is never held in memory.

import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type AttachmentRecord, displayFilename, sniffContentType } from "../../domain/attachments";
import type { AttachmentInfo } from "../../domain/mail";
import type { AttachmentStore, ByteStream } from "../../ports";

export const ATTACHMENT_PREFIX = "attachments/";

/** The bytes sniffContentType looks at: signatures at the start and the first 512 bytes for text. */
const SNIFFED_BYTES = 512;

export class S3AttachmentStore implements AttachmentStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(
    caseReference: string,
    attachmentId: string,
    attachment: AttachmentInfo,
    content: ByteStream,
  ): Promise<AttachmentRecord> {
    const generated = createHash("sha256").update(attachmentId).digest("hex").slice(0, 32);
    const storageKey = `${ATTACHMENT_PREFIX}${caseReference}/${generated}`;
    const head: Uint8Array[] = [];
    let sniffed = 0;
    async function* keepingHead(): AsyncGenerator<Uint8Array> {
      for await (const chunk of content) {
        if (sniffed < SNIFFED_BYTES) {
          head.push(chunk.subarray(0, SNIFFED_BYTES - sniffed));
          sniffed += Math.min(chunk.length, SNIFFED_BYTES - sniffed);
        }
        yield chunk;
      }
    }
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: storageKey,
        Body: Readable.from(keepingHead(), { objectMode: false }),
        ContentLength: attachment.size,
        // Served only as a download, whatever it claims to be.
        ContentType: "application/octet-stream",
        ContentDisposition: "attachment",
      }),
    );
    return {
      displayName: displayFilename(attachment.filename),
      declaredType: attachment.contentType,
      detectedType: sniffContentType(Buffer.concat(head)),
      size: attachment.size,
      storageKey,
    };
  }
}

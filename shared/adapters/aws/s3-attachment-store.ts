// Attachment bytes go to the raw-mail bucket under `attachments/<case>/<hash>`: a generated key,
// never the sender's filename, outside the `inbound/` prefix that triggers intake.

import { createHash } from "node:crypto";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type AttachmentRecord, displayFilename, sniffContentType } from "../../domain/attachments";
import type { InboundAttachment } from "../../domain/mail";
import type { AttachmentStore } from "../../ports";

export const ATTACHMENT_PREFIX = "attachments/";

export class S3AttachmentStore implements AttachmentStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(
    caseReference: string,
    attachmentId: string,
    attachment: InboundAttachment,
  ): Promise<AttachmentRecord> {
    const generated = createHash("sha256").update(attachmentId).digest("hex").slice(0, 32);
    const storageKey = `${ATTACHMENT_PREFIX}${caseReference}/${generated}`;
    const detectedType = sniffContentType(attachment.content);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: storageKey,
        Body: attachment.content,
        // Served only as a download, whatever it claims to be.
        ContentType: "application/octet-stream",
        ContentDisposition: "attachment",
      }),
    );
    return {
      displayName: displayFilename(attachment.filename),
      declaredType: attachment.contentType,
      detectedType,
      size: attachment.size,
      storageKey,
    };
  }
}

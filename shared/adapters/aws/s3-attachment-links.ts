// Short-lived download links for stored attachments: a SigV4 presigned GET of the object under its
// generated key, answered by S3 as a download with the attachment's display name. The bytes never pass
// through the staff API, and the link works for minutes only. Like every S3 call here it honours the
// SDK's endpoint setting (AWS_ENDPOINT_URL_S3) with path-style addresses.

import { createHash } from "node:crypto";
import type { S3Client } from "@aws-sdk/client-s3";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AttachmentLinks } from "../../ports";

class Sha256 {
  private readonly hash = createHash("sha256");
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

/** RFC 5987 filename for Content-Disposition: an ASCII fallback and the UTF-8 name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_") || "attachment";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function encodeKey(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}

export class S3AttachmentLinks implements AttachmentLinks {
  private readonly signer: SignatureV4;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly endpoint: string | undefined = process.env.AWS_ENDPOINT_URL_S3,
  ) {
    this.signer = new SignatureV4({
      service: "s3",
      region: client.config.region,
      credentials: client.config.credentials,
      sha256: Sha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
  }

  async downloadUrl(storageKey: string, filename: string, expiresInSeconds: number): Promise<string> {
    const region = await this.client.config.region();
    const base = this.endpoint
      ? new URL(`${this.endpoint.replace(/\/$/, "")}/${this.bucket}/`)
      : new URL(`https://${this.bucket}.s3.${region}.amazonaws.com/`);
    const url = new URL(encodeKey(storageKey), base);
    const signed = await this.signer.presign(
      {
        method: "GET",
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        // Already URI-encoded once, which is what S3 signs (uriEscapePath is off).
        path: url.pathname,
        query: { "response-content-disposition": contentDisposition(filename) },
        // S3 checks presigned GETs against an unsigned payload.
        headers: { host: url.host, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
      },
      { expiresIn: expiresInSeconds },
    );
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(signed.query ?? {})) {
      for (const item of [value].flat()) if (item !== null && item !== undefined) query.append(name, item);
    }
    return `${url.origin}${url.pathname}?${query.toString().replaceAll("+", "%20")}`;
  }
}

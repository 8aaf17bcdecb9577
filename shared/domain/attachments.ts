// What Heed records about an attachment: a display name made safe to show, the type its bytes say it
// is (not what the sender claimed), and its size. The bytes are stored under a generated key, never
// under the sender's filename, and are never executed or expanded.

export interface AttachmentRecord {
  displayName: string;
  declaredType: string;
  detectedType: string;
  size: number;
  storageKey: string;
}

const SIGNATURES: { type: string; bytes: number[]; offset?: number }[] = [
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46] },
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/gif", bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: "application/zip", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { type: "application/vnd.ms-tnef", bytes: [0x78, 0x9f, 0x3e, 0x22] },
  { type: "application/x-msdownload", bytes: [0x4d, 0x5a] },
  { type: "application/x-cfb", bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { type: "application/x-7z-compressed", bytes: [0x37, 0x7a, 0xbc, 0xaf] },
  { type: "application/gzip", bytes: [0x1f, 0x8b] },
];

export function sniffContentType(content: Uint8Array): string {
  for (const { type, bytes, offset = 0 } of SIGNATURES) {
    if (bytes.every((byte, i) => content[offset + i] === byte)) return type;
  }
  const sample = content.subarray(0, 512);
  const printable = sample.every(
    (byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte !== 127),
  );
  return printable ? "text/plain" : "application/octet-stream";
}

/** A filename safe to show: no path, no controls or bidi overrides, bounded length. */
export function displayFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .trim();
  if (!clean || /^\.+$/.test(clean)) return "attachment";
  return clean.length > 120 ? `${clean.slice(0, 117)}…` : clean;
}

// The bundling's plugins change how a dependency is bundled, never what it does: libmime bundled with the
// double-byte plugin decodes every kind of charset, fed a byte at a time or in larger pieces, exactly as
// libmime as published does, while no longer building the GBK codec as it loads.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import iconv from "iconv-lite";
import publishedLibmime from "libmime";
import { afterAll, describe, expect, it } from "vitest";
import { doubleByteCodecsByTheirTables } from "../../infra/constructs/bundle-plugins";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), "heed-bundle-plugins-"));

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

interface Decoding {
  createDecodeStream(charset: string): NodeJS.ReadWriteStream;
}

/** libmime's CommonJS build bundled as a function's bundle is, with the double-byte plugin (code tables inside). */
async function bundledLibmime(): Promise<{ libmime: Decoding; code: string }> {
  await build({
    absWorkingDir: REPO_ROOT,
    stdin: { contents: 'export { default } from "libmime";', resolveDir: REPO_ROOT, loader: "js" },
    outfile: join(outdir, "libmime.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    minify: true,
    banner: {
      js: 'import { createRequire as heedCreateRequire } from "node:module"; const require = heedCreateRequire(import.meta.url);',
    },
    alias: { libmime: "./node_modules/libmime/dist/cjs/libmime.js" },
    plugins: [doubleByteCodecsByTheirTables()],
    logLevel: "silent",
  });
  const code = readdirSync(outdir)
    .filter((file) => file.endsWith(".mjs"))
    .map((file) => readFileSync(join(outdir, file), "utf8"))
    .join("\n");
  const module = (await import(pathToFileURL(join(outdir, "libmime.mjs")).href)) as { default: Decoding };
  return { libmime: module.default, code };
}

/** What `libmime`'s decode stream makes of `bytes` written `pieceSize` bytes at a time. */
async function decoded(
  libmime: Decoding,
  charset: string,
  bytes: Buffer,
  pieceSize: number,
): Promise<string> {
  const stream = libmime.createDecodeStream(charset);
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve, reject) => stream.on("end", resolve).on("error", reject));
  for (let at = 0; at < bytes.length; at += pieceSize) stream.write(bytes.subarray(at, at + pieceSize));
  stream.end();
  await done;
  return Buffer.concat(chunks).toString("utf8");
}

const SAMPLES: Record<string, string> = {
  gbk: "退款申请：订单 12345 未收到货 — 请尽快处理",
  gb18030: "退款 𠀀 申请 12 号",
  big5: "退款申請：訂單 12345 尚未收到",
  shift_jis: "返金のお願い：注文番号 12345 が届いていません",
  "euc-kr": "환불 요청: 주문 12345 미수령",
  "windows-1252": "Refund – “order” 12345 — café",
  "utf-16": "Refund 退款 12345",
};

describe("the double-byte plugin", () => {
  it("leaves libmime decoding every charset as published, in pieces of any size", async () => {
    const { libmime } = await bundledLibmime();
    for (const [charset, text] of Object.entries(SAMPLES)) {
      const bytes = iconv.encode(text, charset);
      for (const pieceSize of [1, 2, 3, 7, bytes.length]) {
        const published = await decoded(publishedLibmime as unknown as Decoding, charset, bytes, pieceSize);
        expect(await decoded(libmime, charset, bytes, pieceSize), `${charset} by ${pieceSize}`).toBe(
          published,
        );
        expect(published, `${charset} by ${pieceSize}`).toBe(text);
      }
    }
  });

  it("takes no codec from iconv-lite while libmime loads", async () => {
    const { code } = await bundledLibmime();
    expect(code).not.toMatch(/getCodec\(\s*["']gbk["']\s*\)/);
    expect(code).toContain("decodeTables");
  });
});

// The esbuild plugins Heed's bundling runs (bundle-handler.ts): each changes how one kind of module is
// bundled, so that a function's cold start loads less.

import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Plugin } from "esbuild";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Loads each module of `replacements` as the code given for it instead of its file. */
export function replaceModules(replacements: Readonly<Record<string, string>>): Plugin {
  return {
    name: "heed-replace-modules",
    setup(esbuild) {
      const paths = Object.keys(replacements);
      if (paths.length === 0) return;
      esbuild.onLoad({ filter: new RegExp(`^(?:${paths.map(escapeRegExp).join("|")})$`) }, (module) => ({
        contents: replacements[module.path],
        loader: "js",
        resolveDir: dirname(module.path),
      }));
    },
  };
}

/** Where a bundle keeps iconv-lite's code tables, beside its modules. */
export const CODE_TABLES_FOLDER = "iconv-lite-tables";

/**
 * iconv-lite requires each multi-byte charset's code table (over 400 KB of JSON in all) only when a codec
 * for it is first asked for. Bundled, every table would still be read and compiled with the bundle at each
 * cold start; kept as files beside the bundle, the bundle's require (Node's own, from the module banner)
 * reads one with JSON.parse when a message in that charset needs it. Collects the tables it keeps out.
 */
export function codeTablesBesideBundle(tables: Set<string>): Plugin {
  return {
    name: "heed-code-tables-beside-bundle",
    setup(esbuild) {
      esbuild.onResolve({ filter: /^\.\/tables\/[\w-]+\.json$/ }, (module) => {
        if (!/[\\/]node_modules[\\/]iconv-lite[\\/]encodings$/.test(module.resolveDir)) return undefined;
        tables.add(join(module.resolveDir, module.path));
        return { path: `./${CODE_TABLES_FOLDER}/${basename(module.path)}`, external: true };
      });
    },
  };
}

/** libmime's test for a double-byte codec, by the decoder the GBK codec shares with every other one. */
const SHARED_DOUBLE_BYTE_DECODER = "const DBCS_DECODER = iconv_lite_1.default.getCodec('gbk').decoder;";
const IS_DOUBLE_BYTE_CODEC = "codec.decoder === DBCS_DECODER";

/**
 * libmime finds iconv-lite's double-byte codecs by the decoder they share, which it takes from the GBK
 * codec as it loads: building that codec reads and indexes GBK's whole code table (about 22,000
 * characters) at every cold start of the function that parses mail, though few messages are in a
 * double-byte charset. Those codecs are also the only ones iconv-lite gives decode tables, so the bundled
 * libmime asks the codec for its tables instead, and a code table is read only for a message that needs
 * it. A libmime whose code no longer reads as expected fails the bundling rather than being left as it is.
 */
export function doubleByteCodecsByTheirTables(): Plugin {
  return {
    name: "heed-double-byte-codecs-by-their-tables",
    setup(esbuild) {
      esbuild.onLoad({ filter: /[\\/]libmime[\\/]dist[\\/]cjs[\\/]charset\.js$/ }, async (module) => {
        const code = await readFile(module.path, "utf8");
        if (
          code.split(SHARED_DOUBLE_BYTE_DECODER).length !== 2 ||
          code.split(IS_DOUBLE_BYTE_CODEC).length !== 2
        )
          throw new Error(`${module.path} no longer finds double-byte codecs as Heed's bundling expects`);
        const contents = code
          .replace(SHARED_DOUBLE_BYTE_DECODER, "")
          .replace(IS_DOUBLE_BYTE_CODEC, "Array.isArray(codec.decodeTables)");
        return { contents, loader: "js" };
      });
    },
  };
}

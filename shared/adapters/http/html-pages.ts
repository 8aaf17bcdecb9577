// What every public HTML page Heed serves (the web form, the feedback page, the case page) sends with
// it: a strict Content-Security-Policy that allows only the page's own inline style (and script) by hash,
// no framing, no caching, and the origin the request was addressed to for exact-origin checks on posts.

import { createHash } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

export interface PageSecurity {
  style: string;
  script?: string;
  /**
   * `no-referrer` keeps a credential in the path from every other page; `same-origin` is needed where
   * posts are checked by their Origin header, which browsers send as `null` under `no-referrer`.
   */
  referrerPolicy: "no-referrer" | "same-origin";
}

export function htmlPageHeaders(security: PageSecurity): Record<string, string> {
  return {
    "content-type": "text/html; charset=utf-8",
    // Neither the browser nor any shared cache keeps a page that shows a customer's case.
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": security.referrerPolicy,
    "content-security-policy": [
      "default-src 'none'",
      `style-src ${sha256(security.style)}`,
      ...(security.script ? [`script-src ${sha256(security.script)}`] : []),
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join("; "),
  };
}

/** The origin the browser addressed: the API's own domain, as API Gateway received the request. */
export function requestOrigin(event: APIGatewayProxyEventV2): string {
  const protocol = event.headers?.["x-forwarded-proto"] ?? "https";
  const port = event.headers?.["x-forwarded-port"];
  const defaultPort = protocol === "https" ? "443" : "80";
  return `${protocol}://${event.requestContext.domainName}${port && port !== defaultPort ? `:${port}` : ""}`;
}

/**
 * The first of `available` the browser's Accept-Language asks for, by preference; undefined when it asks
 * for none of them. Pages that know no case (a link that does not work) speak the browser's language.
 */
export function preferredLanguage(
  header: string | undefined,
  available: readonly string[],
): string | undefined {
  const wanted = (header ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...parameters] = part.trim().toLowerCase().split(";");
      const quality = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return {
        language: tag.split("-")[0] ?? "",
        quality: quality === undefined ? 1 : Number(quality),
        index,
      };
    })
    .filter((entry) => entry.quality > 0 && available.includes(entry.language))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return wanted[0]?.language;
}

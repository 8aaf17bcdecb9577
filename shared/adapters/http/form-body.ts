// Reading a posted form out of an HTTP request, at the edge: the body as API Gateway (payload 2.0) gives
// it, the two encodings Heed accepts (JSON from scripts, URL-encoded from its own pages), a size limit,
// and fields as an object with only own properties. The application and the domain see fields or the
// reason they could not be read, never bytes or headers.

import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { PostedForm } from "../../domain/form-submission";

export type FormMediaType = "json" | "urlencoded";

/** The encoding a Content-Type names, when it is one Heed accepts. */
export function formMediaType(contentType: string | undefined): FormMediaType | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return "json";
  if (type === "application/x-www-form-urlencoded") return "urlencoded";
  return undefined;
}

/** The request's body as bytes: payload 2.0 base64-encodes bodies that are not text. */
export function requestBody(event: Pick<APIGatewayProxyEventV2, "body" | "isBase64Encoded">): Buffer {
  return event.body ? Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8") : Buffer.alloc(0);
}

/**
 * The posted fields as an object with only own properties (`__proto__` stays an ordinary key, so
 * a strict schema refuses it as unknown). Undefined when the body is not UTF-8 or not a JSON object.
 * A field sent twice becomes a list, which no field accepts.
 */
export function readFormBody(
  mediaType: FormMediaType,
  body: Uint8Array,
): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
  if (mediaType === "json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  }
  const fields = new Map<string, string | string[]>();
  for (const [name, value] of new URLSearchParams(text)) {
    const previous = fields.get(name);
    fields.set(name, previous === undefined ? value : [previous, value].flat());
  }
  return Object.fromEntries(fields);
}

/** A request's form, read once: its fields, or why they cannot be read. */
export function postedForm(
  event: Pick<APIGatewayProxyEventV2, "body" | "isBase64Encoded" | "headers">,
  limits: { maxBytes: number; accept: readonly FormMediaType[] },
): PostedForm {
  const mediaType = formMediaType(event.headers?.["content-type"]);
  if (!mediaType || !limits.accept.includes(mediaType)) return { refused: "unsupported-media-type" };
  const body = requestBody(event);
  if (body.byteLength > limits.maxBytes) return { refused: "body-too-large" };
  const fields = readFormBody(mediaType, body);
  return fields ? { fields } : { refused: "malformed-body" };
}

// Reading a posted form at the edge: the two encodings Heed accepts, a size limit, and fields that
// cannot pollute objects; anything else is refused with the reason form intake records.
import { describe, expect, it } from "vitest";
import { formMediaType, postedForm, readFormBody } from "../../shared/adapters/http/form-body";

describe("formMediaType", () => {
  it.each([
    ["application/json", "json"],
    ["application/json; charset=utf-8", "json"],
    ["application/x-www-form-urlencoded", "urlencoded"],
    ["Application/X-WWW-Form-URLEncoded; charset=UTF-8", "urlencoded"],
  ])("reads %j as %s", (contentType, expected) => {
    expect(formMediaType(contentType)).toBe(expected);
  });

  it.each([undefined, "text/plain", "multipart/form-data; boundary=x", "application/xml"])(
    "accepts no other content type: %j",
    (contentType) => {
      expect(formMediaType(contentType)).toBeUndefined();
    },
  );
});

describe("readFormBody", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it("reads a URL-encoded post, a repeated field as a list, and __proto__ as an own key", () => {
    const fields = readFormBody("urlencoded", bytes("name=Jo+Bloggs&tag=a&tag=b&__proto__=x"));

    expect(fields).toEqual({ name: "Jo Bloggs", tag: ["a", "b"], ["__proto__"]: "x" });
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(Object.hasOwn(fields ?? {}, "__proto__")).toBe(true);
  });

  it("reads a JSON object and refuses anything else", () => {
    expect(readFormBody("json", bytes('{"name":"Jo"}'))).toEqual({ name: "Jo" });
    expect(readFormBody("json", bytes("[1,2]"))).toBeUndefined();
    expect(readFormBody("json", bytes("null"))).toBeUndefined();
    expect(readFormBody("json", bytes("{"))).toBeUndefined();
  });

  it("refuses a body that is not UTF-8", () => {
    expect(readFormBody("urlencoded", new Uint8Array([0x6e, 0x3d, 0xff, 0xfe]))).toBeUndefined();
  });
});

describe("postedForm", () => {
  const request = (contentType: string, body: string, isBase64Encoded = false) => ({
    headers: { "content-type": contentType },
    body: isBase64Encoded ? Buffer.from(body).toString("base64") : body,
    isBase64Encoded,
  });
  const limits = { maxBytes: 32, accept: ["json", "urlencoded"] as const };

  it("reads the fields of a base64-encoded URL-encoded body, as payload 2.0 sends a page's post", () => {
    expect(
      postedForm(request("application/x-www-form-urlencoded", "rating=4&comment=ok", true), limits),
    ).toEqual({
      fields: { rating: "4", comment: "ok" },
    });
  });

  it("refuses an encoding it was not asked to accept, a body over the limit and one it cannot read", () => {
    expect(postedForm(request("application/json", "{}"), { ...limits, accept: ["urlencoded"] })).toEqual({
      refused: "unsupported-media-type",
    });
    expect(postedForm(request("application/json", `{"message":"${"x".repeat(40)}"}`), limits)).toEqual({
      refused: "body-too-large",
    });
    expect(postedForm(request("application/json", "[1]"), limits)).toEqual({ refused: "malformed-body" });
  });
});

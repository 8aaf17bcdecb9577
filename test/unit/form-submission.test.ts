// The web form's schema: a genuine but messy complaint is accepted and normalised; every kind of bad
// input is refused with a reason for the field it concerns, and nothing in a post can pollute objects.
import { describe, expect, it } from "vitest";
import { defaultPolicy } from "../../shared/config/policy";
import { defineForm, FIELD_LIMITS, fieldErrorCode, formNumber } from "../../shared/domain/form-submission";

const form = defineForm(Object.keys(defaultPolicy.classification.categories));

const session = {
  submissionId: "5b0c7c9e-4f7e-4d3a-9a51-0d4c8f1b2a6e",
  formToken: `1795600000000.${"a".repeat(43)}`,
  noticeVersion: "2026-11-1",
};

/** A post as the page sends it: every field a string, optional ones empty. */
const valid: Record<string, unknown> = {
  ...session,
  name: "Jo Bloggs",
  email: "jo.bloggs@example.org",
  phone: "",
  address: "",
  postcode: "",
  orderReference: "",
  category: "delivery",
  message: "My parcel has not arrived.",
  contactPreference: "email",
  website: "",
};

function post(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...structuredClone(valid), ...changes };
}

function fieldErrorsOf(input: Record<string, unknown>) {
  const result = form.validate(input);
  if (result.valid) throw new Error("expected the post to be refused");
  return result;
}

describe("formNumber", () => {
  it("groups digits as en-GB does, for every limit the form states and beyond", () => {
    for (const value of [...Object.values(FIELD_LIMITS), 0, 7, 999, 1000, 65_536, 1_234_567])
      expect(formNumber(value)).toBe(value.toLocaleString("en-GB"));
  });
});

describe("defineForm", () => {
  it("offers every policy category with a human label, and other last", () => {
    expect(form.categories.at(-1)).toEqual({ key: "other", label: "Something else" });
    expect(form.categories).toContainEqual({ key: "billing-refund", label: "A payment, bill or refund" });
    expect(form.categories.map((category) => category.key)).toEqual([
      ...Object.keys(defaultPolicy.classification.categories),
      "other",
    ]);
  });
});

describe("validate", () => {
  it("accepts a complete post and keeps the session fields apart from the answers", () => {
    const result = form.validate(valid);

    expect(result.valid).toBe(true);
    if (!result.valid) return;
    expect(result.answers).toEqual({
      name: "Jo Bloggs",
      email: "jo.bloggs@example.org",
      category: "delivery",
      message: "My parcel has not arrived.",
      contactPreference: "email",
    });
    expect(result.session).toEqual(session);
    expect(result.honeypotFilled).toBe(false);
  });

  it("accepts a messy but genuine complaint and normalises it", () => {
    // Prepare
    const messy = post({
      name: "  jo   Bloggs ",
      email: " Jo.Bloggs@Example.ORG ",
      phone: "0161  496 0000",
      address: "  12 High Street \r\n\r\n  Springfield  ",
      postcode: "sw1a1aa",
      orderReference: "  ORD-123 45 ",
      message: "  My parcel\r\nhas not arrived.   \r\n",
      contactPreference: "post",
    });

    // Act
    const result = form.validate(messy);

    // Assess
    expect(result.valid).toBe(true);
    if (!result.valid) return;
    expect(result.answers).toEqual({
      name: "jo Bloggs",
      email: "jo.bloggs@example.org",
      phone: "+441614960000",
      address: "12 High Street, Springfield",
      postcode: "SW1A 1AA",
      orderReference: "ORD-123 45",
      category: "delivery",
      message: "My parcel\nhas not arrived.",
      contactPreference: "post",
    });
  });

  it("refuses a missing email address", () => {
    const result = fieldErrorsOf(post({ email: "" }));

    expect(result.fieldErrors.email).toEqual({ kind: "missing", message: "Enter your email address" });
  });

  it("refuses an email address that is not one, with an example of the right form", () => {
    const result = fieldErrorsOf(post({ email: "jo.bloggs@" }));

    expect(result.fieldErrors.email).toEqual({
      kind: "invalid",
      message: "Enter an email address like name@example.com",
    });
    expect(fieldErrorCode("email", "invalid")).toBe("invalid-email");
  });

  it("refuses a 100 KB message", () => {
    const result = fieldErrorsOf(post({ message: "x".repeat(100 * 1024) }));

    expect(result.fieldErrors.message).toEqual({
      kind: "too-long",
      message: `Your message must be ${FIELD_LIMITS.message.toLocaleString("en-GB")} characters or fewer`,
    });
  });

  it.each(["name", "address", "orderReference"])("refuses HTML in the %s field", (field) => {
    const result = fieldErrorsOf(post({ [field]: "<script>alert(1)</script>" }));

    expect(result.fieldErrors[field as "name"]?.kind).toBe("forbidden-character");
  });

  it.each([
    ["email", "<b>jo</b>@example.org"],
    ["phone", "<script>alert(1)</script>"],
    ["postcode", "<img src=x>"],
    ["category", "<script>"],
    ["contactPreference", "<script>"],
  ])("refuses HTML in the %s field as not valid there", (field, value) => {
    const result = fieldErrorsOf(post({ [field]: value }));

    expect(result.fieldErrors[field as "email"]?.kind).toBe("invalid");
  });

  it("keeps HTML and template strings in a message as text, exactly as typed", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template string is the input under test
    const text = "<script>alert(1)</script> {{7*7}} ${7*7} __proto__ <img src=x onerror=alert(1)>";
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template string is the input under test
    const name = "{{7*7}} ${7*7}";

    const result = form.validate(post({ message: text, name }));

    expect(result.valid).toBe(true);
    if (!result.valid) return;
    expect(result.answers.message).toBe(text);
    expect(result.answers.name).toBe(name);
  });

  it("refuses a __proto__ key as an unknown field, and pollutes no object", () => {
    // Prepare
    const input = JSON.parse(`{${JSON.stringify(valid).slice(1, -1)},"__proto__":{"polluted":true}}`);

    // Act
    const result = fieldErrorsOf(input);

    // Assess
    expect(result.unknownFields).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it.each([
    ["a NUL", "Jo\u0000Bloggs"],
    ["an escape character", "Jo\u001b[31mBloggs"],
    ["a C1 control", "Jo\u0085Bloggs"],
    ["a lone high surrogate", "Jo\ud83dBloggs"],
    ["a lone low surrogate", "Jo\ude00Bloggs"],
    ["a right-to-left override", "Jo\u202eBloggs"],
  ])("refuses a name containing %s", (_what, name) => {
    const result = fieldErrorsOf(post({ name }));

    expect(result.fieldErrors.name?.kind).toBe("forbidden-character");
    expect(fieldErrorCode("name", "forbidden-character")).toBe("forbidden-character-in-name");
  });

  it("refuses NUL and lone surrogates in a message but keeps emoji", () => {
    expect(fieldErrorsOf(post({ message: "late\u0000" })).fieldErrors.message?.kind).toBe(
      "forbidden-character",
    );
    expect(fieldErrorsOf(post({ message: "late \ud83d" })).fieldErrors.message?.kind).toBe(
      "forbidden-character",
    );
    expect(form.validate(post({ message: "late 😞" })).valid).toBe(true);
  });

  it("refuses an unknown extra field", () => {
    const result = fieldErrorsOf(post({ referrer: "newsletter" }));

    expect(result.unknownFields).toEqual(["referrer"]);
  });

  it("refuses a client-supplied priority or status", () => {
    const result = fieldErrorsOf(post({ priority: "urgent", status: "resolved" }));

    expect(result.unknownFields.sort()).toEqual(["priority", "status"]);
  });

  it("refuses a field sent twice", () => {
    const result = fieldErrorsOf(post({ email: ["jo@example.org", "other@example.org"] }));

    expect(result.fieldErrors.email?.kind).toBe("invalid");
  });

  it("refuses a category the policy does not have", () => {
    expect(fieldErrorsOf(post({ category: "pricing" })).fieldErrors.category?.kind).toBe("invalid");
  });

  it("asks for a telephone number when the customer wants a call", () => {
    const result = fieldErrorsOf(post({ contactPreference: "phone" }));

    expect(result.fieldErrors.phone).toEqual({
      kind: "missing",
      message:
        "Enter a telephone number so that we can call you, or choose another way for us to contact you",
    });
  });

  it("asks for an address and postcode when the customer wants a letter", () => {
    const result = fieldErrorsOf(post({ contactPreference: "post" }));

    expect(Object.keys(result.fieldErrors).sort()).toEqual(["address", "postcode"]);
  });

  it("reports every problem at once, and keeps what was typed", () => {
    const result = fieldErrorsOf(post({ name: "", email: "nope", message: "   ", phone: "12" }));

    expect(Object.keys(result.fieldErrors).sort()).toEqual(["email", "message", "name", "phone"]);
    expect(result.values).toMatchObject({ email: "nope", phone: "12" });
  });

  it("notices a filled honeypot without refusing the post", () => {
    const result = form.validate(post({ website: "http://spam.example" }));

    expect(result.valid && result.honeypotFilled).toBe(true);
  });

  it("judges a post without the hidden fields on its answers alone", () => {
    const {
      submissionId: _id,
      formToken: _token,
      noticeVersion: _version,
      website: _website,
      ...answers
    } = valid;

    const result = form.validate(answers);

    expect(result.valid).toBe(true);
    expect(result.session).toBeUndefined();
  });

  it("leaves the session undefined when a hidden field is malformed", () => {
    const result = form.validate(post({ submissionId: "1", formToken: "forged" }));

    expect(result.valid).toBe(true);
    expect(result.session).toBeUndefined();
  });
});

describe("validate: postcodes and telephone numbers", () => {
  it.each([
    ["sw1a1aa", "SW1A 1AA"],
    [" ec1a  1bb ", "EC1A 1BB"],
    ["B338TH", "B33 8TH"],
  ])("writes the postcode %j as %j", (postcode, expected) => {
    const result = form.validate(post({ postcode }));

    expect(result.valid && result.answers.postcode).toBe(expected);
  });

  it.each(["SW1A", "12345", "QA1 1AA", "SW1A 1AAA"])("refuses the postcode %j", (postcode) => {
    expect(fieldErrorsOf(post({ postcode })).fieldErrors.postcode).toEqual({
      kind: "invalid",
      message: "Enter a full UK postcode, like SW1A 1AA",
    });
  });

  it.each([
    ["(0161) 496-0000", "+441614960000"],
    ["07400 123456", "+447400123456"],
    ["+44 (0)7400 123456", "+447400123456"],
    ["+33 1 23 45 67 89", "+33123456789"],
  ])("writes the telephone number %j as %j", (phone, expected) => {
    const result = form.validate(post({ phone }));

    expect(result.valid && result.answers.phone).toBe(expected);
  });

  it.each(["12", "999", "not a number"])("refuses the telephone number %j", (phone) => {
    expect(fieldErrorsOf(post({ phone })).fieldErrors.phone?.kind).toBe("invalid");
  });
});

// The customer's case page through the real handlers and emulators: the acknowledgement carries a signed
// link; the page opens without a login and shows where the case stands and nothing internal; forged,
// expired, other-case and erased-case links get the same neutral 404; an addition with a file goes through
// the intake ledger onto the timeline; and a fresh link goes only to the address on the case, with the
// same answer whether or not the pair matched.

import { describe, expect, it } from "vitest";
import { HmacCasePageTokens } from "../../shared/adapters/hmac-case-page-tokens";
import { type CaseView, eventsOf } from "./support/case-view";
import { caseFromEmail, complaintEmail } from "./support/staff-cases";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const XSS = `<script>alert("pwned")</script><img src=x onerror=alert(1)>`;
const LINK = /See where your case stands, and add to it: (\S+)/;
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
let customers = 0;

describe("the customer's case page", () => {
  const sandbox = withSandbox();

  async function caseView(reference: string): Promise<CaseView> {
    const response = await sandbox().fetchApi(`/api/cases/${reference}`);
    expect(response.status).toBe(200);
    return (await response.json()) as CaseView;
  }

  /** Sends a complaint and returns its reference and the path of the case-page link in its acknowledgement. */
  async function acknowledgedCase() {
    const customer = `casey.page.${++customers}.${Date.now()}@example.net`;
    const { reference } = await caseFromEmail(
      sandbox(),
      complaintEmail({
        from: customer,
        name: "Casey Page",
        subject: "Kettle order still not here",
        body: `Hello,\n\nI ordered a kettle two weeks ago and it still has not arrived. ${XSS}\n\nCasey Page`,
      }),
    );
    const acknowledgement = await waitFor(
      async () =>
        (await sandbox().readCustomerMail()).find(
          (letter) => letter.subject.includes(reference) && LINK.test(letter.body.text ?? ""),
        ),
      { description: "the acknowledgement with its link" },
    );
    const link = LINK.exec(acknowledgement.body.text ?? "")?.[1] ?? "";
    return { reference, customer, link, path: new URL(link).pathname, acknowledgement };
  }

  const open = (path: string) => sandbox().fetchApi(path, { token: null });

  function postForm(path: string, body: FormData | URLSearchParams, origin = sandbox().urls.http) {
    return sandbox().fetchApi(path, { token: null, method: "POST", headers: { origin }, body });
  }

  function additionForm(pageHtml: string, fields: Record<string, string>, files: File[] = []): FormData {
    const form = new FormData();
    form.set("formToken", /name="formToken" value="([^"]+)"/.exec(pageHtml)?.[1] ?? "");
    form.set("submissionId", /name="submissionId" value="([^"]+)"/.exec(pageHtml)?.[1] ?? "");
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    for (const file of files) form.append("files", file);
    return form;
  }

  const signingKey = () => {
    const fn = sandbox().plan.functions.find(
      (candidate) => candidate.entry === "functions/case-page/handler.ts",
    );
    const secretId = fn?.environment.CASE_PAGE_SIGNING_KEY_SECRET;
    if (!secretId) throw new Error("the case page is not handed its signing key's secret");
    return sandbox().secrets.current(secretId);
  };

  it("opens from the acknowledgement's link and shows where the case stands, and nothing internal", async () => {
    // Act
    const { reference, path, acknowledgement } = await acknowledgedCase();
    const page = await open(path);
    const html = await page.text();

    // Assess
    expect(acknowledgement.body.html).toContain(`/case/${reference}.`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(reference);
    expect(html).toContain("What we understood");
    expect(html).toContain(acknowledgement.subject);
    expect(html).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
    expect(html).not.toContain("<script");
    const { case: record } = await caseView(reference);
    expect(html).not.toContain(record.referral.reason);
    // The level's code never shows; the team's customer-facing name ("customer service supervisors") may.
    expect(html).not.toMatch(new RegExp(`\\b${record.referral.level}\\b(?!s)`));
  });

  it("answers a forged, expired or other-case link with the same neutral 404", async () => {
    // Prepare
    const first = await acknowledgedCase();
    const second = await acknowledgedCase();
    const token = first.path.split("/").pop() ?? "";
    const [, expires = "", signature = ""] = token.split(".");
    const tokens = new HmacCasePageTokens(signingKey());
    const expired = tokens.issue(
      { caseReference: first.reference, expiresAt: new Date(Date.now() - 1000).toISOString() },
      first.customer,
    );

    // Act
    const answers = await Promise.all(
      [
        `${first.reference}.${expires}.${signature.slice(0, -2)}AA`,
        `${first.reference}.${Number(expires) + 86_400}.${signature}`,
        `${second.reference}.${expires}.${signature}`,
        expired,
        "not-a-token",
      ].map(async (candidate) => {
        const response = await open(`/case/${candidate}`);
        return { status: response.status, body: await response.text() };
      }),
    );

    const inWelsh = await sandbox().fetchApi(`/case/${first.reference}.${expires}.${"A".repeat(43)}`, {
      token: null,
      headers: { "accept-language": "cy-GB,cy;q=0.9,en;q=0.8" },
    });

    // Assess
    expect(inWelsh.status).toBe(404);
    expect(await inWelsh.text()).toContain('<html lang="cy">');
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toBe(answers[0]?.body);
      expect(answer.body).toContain("Get a new link");
      expect(answer.body).not.toContain(first.reference);
      expect(answer.body).not.toContain(second.reference);
    }
  });

  it("adds the customer's text, answers and a file to the case through the intake ledger, once", async () => {
    // Prepare
    const { reference, path } = await acknowledgedCase();
    const html = await (await open(path)).text();
    const form = additionForm(
      html,
      { message: "Here is a photo of the box.", transactionReference: "ORD-100419" },
      [new File([PNG], "box.png", { type: "image/png" })],
    );

    // Act
    const added = await postForm(path, form);
    const again = await postForm(path, form);
    const forged = await postForm(
      path,
      additionForm(html.replace(/name="formToken" value="[^"]+"/, ""), { message: "x" }),
    );
    const foreign = await postForm(path, additionForm(html, { message: "x" }), "https://evil.example");
    const oversize = await postForm(
      path,
      additionForm(html, { message: "x" }, [new File([Buffer.alloc(7 * 1024 * 1024, 0x41)], "big.txt")]),
    );

    // Assess
    expect(added.status).toBe(200);
    expect(await added.text()).toContain("We have added this to your case");
    expect(again.status).toBe(200);
    expect(forged.status).toBe(403);
    expect(foreign.status).toBe(403);
    expect(oversize.status).toBe(413);
    expect(await oversize.text()).toContain("The files come to more than 4 MB in all");
    const { case: record, timeline } = await caseView(reference);
    const additions = eventsOf(timeline, "message-received").filter((event) => event.channel === "case-page");
    expect(additions).toHaveLength(1);
    expect(additions[0]).toMatchObject({ fromCustomer: true, from: record.customer.email });
    expect(additions[0]?.text).toContain("Here is a photo of the box.");
    expect(additions[0]?.attachments).toEqual([
      expect.objectContaining({ displayName: "box.png", detectedType: "image/png", size: PNG.length }),
    ]);
    expect(record.transactionReferences).toContain("ORD-100419");
    expect(record.extracted).toContainEqual(
      expect.objectContaining({ field: "transaction-reference", value: "ORD-100419", source: "case-page" }),
    );
    const submissionId = form.get("submissionId");
    const ledger = await sandbox().fetchApi(
      `/api/intake?id=${encodeURIComponent(`case-page:${submissionId}`)}`,
    );
    const { entries } = (await ledger.json()) as {
      entries: { channel: string; result?: { outcome: string } }[];
    };
    expect(entries).toEqual([
      expect.objectContaining({
        channel: "case-page",
        result: expect.objectContaining({ outcome: "threaded" }),
      }),
    ]);
    // The link is a credential: no function wrote it, or its signature, to its log.
    const signature = path.split(".").pop() ?? "";
    expect(signature.length).toBeGreaterThan(40);
    expect(JSON.stringify(sandbox().logs)).not.toContain(signature);
  });

  it("emails a fresh link only to the address on the case, with the same answer either way", async () => {
    // Prepare
    const { reference, customer } = await acknowledgedCase();
    const before = (await sandbox().readCustomerMail()).filter((letter) =>
      letter.subject.includes(reference),
    );

    // Act
    const matched = await postForm(
      "/case",
      new URLSearchParams({ reference, email: customer.toUpperCase() }),
    );
    const unmatched = await postForm(
      "/case",
      new URLSearchParams({ reference, email: "someone.else@example.org" }),
    );
    const matchedBody = await matched.text();

    // Assess
    expect(matched.status).toBe(200);
    expect(unmatched.status).toBe(200);
    expect(await unmatched.text()).toBe(matchedBody);
    const fresh = await waitFor(
      async () =>
        (await sandbox().readCustomerMail())
          .filter((letter) => letter.subject.includes(reference))
          .find((letter) => !before.some((old) => old.messageId === letter.messageId)),
      { description: "the fresh link" },
    );
    expect(fresh.destination.to).toEqual([customer]);
    expect(fresh.body.text).toContain("You asked for a new link");
    const path = new URL(LINK.exec(fresh.body.text ?? "")?.[1] ?? "").pathname;
    expect((await open(path)).status).toBe(200);
    const after = (await sandbox().readCustomerMail()).filter((letter) => letter.subject.includes(reference));
    expect(after).toHaveLength(before.length + 1);
  });

  it("stops every link to a case once the customer's data is erased", async () => {
    // Prepare
    const { path, customer } = await acknowledgedCase();
    expect((await open(path)).status).toBe(200);

    // Act
    const erased = await sandbox().fetchApi("/api/data-protection/erase", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: customer, confirm: true }),
    });

    // Assess
    expect(erased.status).toBe(200);
    expect((await open(path)).status).toBe(404);
  });
});

// The customer's case page, against the in-memory fakes: a signed link opens the case and nothing else
// does; adding to the case records one threaded intake entry, a timeline message, the customer's answers
// and files, once however often it is posted; and a fresh link goes only to the address on the case,
// with the same answer either way.
import { describe, expect, it } from "vitest";
import { addToCase, openCasePage, requestFreshLink } from "../../shared/application/case-page";
import { casePageLink } from "../../shared/application/case-page-links";
import type { CasePageView } from "../../shared/domain/templates/case-page";
import { sampleCase } from "./sample-case";
import { casePageDependencies } from "./support/case-page-fakes";
import { freshEachTest } from "./support/fresh-each-test";
import { LETTERS_START, lettersOnSampleCase, REFERENCE } from "./support/letters";

const SUBMISSION = "3f2b8c1e-5a4d-4e2f-9b1c-7d8e9f0a1b2c";
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34]);

const page = freshEachTest(async () => {
  const letters = await lettersOnSampleCase();
  const fakes = casePageDependencies(letters);
  const { url } = casePageLink(sampleCase, fakes.deps.casePage, new Date(LETTERS_START));
  return { letters, ...fakes, token: url.split("/").at(-1) ?? "" };
});

function post(changes: Partial<Parameters<typeof addToCase>[1]> = {}) {
  return {
    message: "The courier left a card but no parcel.",
    transactionReference: "",
    phone: "",
    files: [],
    formToken: page.deps.casePage.tokens.formToken(page.token),
    submissionId: SUBMISSION,
    sourceIp: "203.0.113.7",
    ...changes,
  };
}

function caseOf(view: CasePageView) {
  if (view.state !== "case") throw new Error(`the page shows ${view.state}, not the case`);
  return view;
}

describe("openCasePage", () => {
  it("shows the case a signed link opens, with a form bound to that link", async () => {
    // Act
    const answer = await openCasePage(page.token, page.deps);

    // Assert
    expect(answer.status).toBe("shown");
    const view = caseOf(answer.view);
    expect(view.case).toMatchObject({ reference: REFERENCE, status: "open", subject: sampleCase.subject });
    expect(view.form.formToken).toBe(page.deps.casePage.tokens.formToken(page.token));
  });

  it("shows the neutral page for a forged link, an expired one, and one whose case no longer has the address", async () => {
    const forged = await openCasePage(`${page.token.slice(0, -2)}xx`, page.deps);
    page.letters.clock.set("2026-12-23T10:00:01.000Z");
    const expired = await openCasePage(page.token, page.deps);
    page.letters.clock.set(LETTERS_START);
    page.letters.cases.update(REFERENCE, (record) => {
      record.customer.email = "";
    });
    const erased = await openCasePage(page.token, page.deps);

    for (const answer of [forged, expired, erased])
      expect(answer).toMatchObject({
        status: "not-found",
        view: { state: "link-request", outcome: "invalid-link" },
      });
  });
});

describe("addToCase", () => {
  it("threads the addition into the case: one ledger outcome, a timeline message, the answers and the file", async () => {
    // Act
    const answer = await addToCase(
      page.token,
      post({
        transactionReference: "ORD-123456",
        files: [{ filename: "card.pdf", declaredType: "application/pdf", bytes: PDF }],
      }),
      page.deps,
    );

    // Assert
    expect(answer.status).toBe("added");
    expect(caseOf(answer.view).added).toBe(true);
    const intakeId = `case-page:${SUBMISSION}`;
    expect(await page.ledger.get(intakeId)).toMatchObject({
      channel: "case-page",
      receivedAt: LETTERS_START,
      proposedCaseReference: REFERENCE,
      result: { outcome: "threaded", caseReference: REFERENCE, decidedAt: LETTERS_START },
    });
    const [received] = page.letters.cases
      .eventsOf(REFERENCE, "message-received")
      .filter((event) => event.channel === "case-page");
    expect(received).toMatchObject({ eventId: `received:${intakeId}`, from: sampleCase.customer.email });
    expect(received?.text).toContain("The courier left a card but no parcel.");
    expect(received?.text).toContain("ORD-123456");
    expect(received?.attachments).toEqual([
      expect.objectContaining({
        displayName: "card.pdf",
        storageKey: `attachments/${REFERENCE}/${intakeId}#0`,
      }),
    ]);
    expect(page.attachments.stored.get(`attachments/${REFERENCE}/${intakeId}#0`)).toEqual(Buffer.from(PDF));
    expect(page.givenDetails.given.get(REFERENCE)?.transactionReferences).toEqual(["ORD-123456"]);
  });

  it("adds a post submitted twice only once", async () => {
    await addToCase(page.token, post(), page.deps);

    const again = await addToCase(page.token, post(), page.deps);

    expect(again.status).toBe("added");
    expect(
      page.letters.cases
        .eventsOf(REFERENCE, "message-received")
        .filter((event) => event.channel === "case-page"),
    ).toHaveLength(1);
    expect(page.ledger.entries.size).toBe(1);
  });

  it("reopens a closed case the customer adds to", async () => {
    page.letters.cases.update(REFERENCE, (record) => {
      record.status = "resolved";
    });

    await addToCase(page.token, post(), page.deps);

    expect((await page.letters.cases.getCase(REFERENCE))?.status).toBe("open");
  });

  it("refuses an empty post and one from a stale form, keeping what was typed and recording nothing", async () => {
    const empty = await addToCase(page.token, post({ message: "  " }), page.deps);
    const stale = await addToCase(page.token, post({ formToken: "not-the-form-token" }), page.deps);

    expect(empty).toMatchObject({ status: "refused", view: { errors: ["empty"] } });
    expect(stale).toMatchObject({
      status: "form-expired",
      view: { errors: ["pageExpired"], values: { message: "The courier left a card but no parcel." } },
    });
    expect(page.ledger.entries.size).toBe(0);
  });

  it("refuses additions beyond the case's limit without opening a ledger entry, yet answers a retried post", async () => {
    // Arrange
    const first = post({ submissionId: "00000000-0000-4000-8000-00000000000a" });
    await addToCase(page.token, first, page.deps);
    await addToCase(page.token, post({ submissionId: "00000000-0000-4000-8000-00000000000b" }), page.deps);

    // Act
    const third = await addToCase(
      page.token,
      post({ submissionId: "00000000-0000-4000-8000-00000000000c" }),
      page.deps,
    );
    const retried = await addToCase(page.token, first, page.deps);

    // Assert
    expect(third).toMatchObject({ status: "rate-limited", view: { errors: ["rateLimited"] } });
    expect(retried.status).toBe("added");
    expect([...page.ledger.entries.keys()]).toEqual([
      "case-page:00000000-0000-4000-8000-00000000000a",
      "case-page:00000000-0000-4000-8000-00000000000b",
    ]);
  });
});

describe("requestFreshLink", () => {
  it("sends a fresh link to the address on the case when the reference and address match", async () => {
    const answer = await requestFreshLink(
      { reference: REFERENCE, email: " Jo@Example.org ", sourceIp: "203.0.113.7" },
      page.deps,
    );

    expect(answer).toMatchObject({ status: "shown", view: { state: "link-request", outcome: "sent" } });
    expect(page.letters.mailer.sent).toHaveLength(1);
    expect(page.letters.mailer.sent[0]?.to).toBe(sampleCase.customer.email);
    expect(page.letters.mailer.sent[0]?.text).toContain("https://api.example.com/case/");
  });

  it("gives the same answer for an address that is not the case's, and sends nothing", async () => {
    const answer = await requestFreshLink(
      { reference: REFERENCE, email: "someone.else@example.org", sourceIp: "203.0.113.7" },
      page.deps,
    );

    expect(answer).toMatchObject({ status: "shown", view: { state: "link-request", outcome: "sent" } });
    expect(page.letters.mailer.sent).toEqual([]);
  });

  it("refuses a malformed request before looking the case up", async () => {
    const answer = await requestFreshLink(
      { reference: "not a reference", email: "jo@example.org", sourceIp: "203.0.113.7" },
      page.deps,
    );

    expect(answer).toMatchObject({ status: "refused", view: { outcome: "problem" } });
    expect(page.rateLimiter.counts.size).toBe(0);
    expect(page.letters.mailer.sent).toEqual([]);
  });
});

// How often a customer has been in touch lately feeds the repeat-contact signal: only their own cases
// created within the policy's window count, a lookup without a stored case counts for nothing, and a
// first-time customer has no earlier contact.
import { describe, expect, it } from "vitest";
import { contactHistory, noEarlierContact } from "../../shared/application/contact-history";
import { defaultPolicy } from "../../shared/config/policy";
import { MemoryCases } from "./communication-fakes";
import { sampleCase } from "./sample-case";
import { freshEachTest } from "./support/fresh-each-test";
import { customerReply } from "./support/letters";

const NOW = new Date("2026-12-01T10:00:00.000Z");
const EMAIL = sampleCase.customer.email;
const WINDOW_DAYS = defaultPolicy.classification.repeatContact.windowDays;

const store = freshEachTest(async () => ({ cases: new MemoryCases() }));

async function storeCase(reference: string, createdAt: string, email = EMAIL) {
  await store.cases.createCase({
    ...structuredClone(sampleCase),
    reference,
    createdAt,
    customer: { ...sampleCase.customer, email },
  });
  await store.cases.appendEvent({
    ...customerReply(createdAt, `${reference}@example.org`),
    caseReference: reference,
  });
  await store.cases.addLookup("email", email, reference);
}

describe("contactHistory", () => {
  it("counts the customer's cases created within the repeat-contact window, its first instant included", async () => {
    // Arrange
    await storeCase("CS-0000001A", "2026-11-23T10:00:00.000Z");
    await storeCase("CS-0000002A", "2026-11-01T10:00:00.000Z");
    await storeCase("CS-0000003A", "2026-11-01T09:59:59.999Z");
    await storeCase("CS-0000004A", "2026-11-30T10:00:00.000Z", "someone.else@example.org");

    // Act
    const history = await contactHistory(EMAIL, NOW, { cases: store.cases, policy: defaultPolicy });

    // Assert
    expect(WINDOW_DAYS).toBe(30);
    expect(history).toEqual({ recentCases: 2, windowDays: 30 });
  });

  it("ignores a lookup whose case is not stored", async () => {
    await storeCase("CS-0000001A", "2026-11-23T10:00:00.000Z");
    await store.cases.addLookup("email", EMAIL, "CS-MISSING0");

    const history = await contactHistory(EMAIL, NOW, { cases: store.cases, policy: defaultPolicy });

    expect(history).toEqual({ recentCases: 1, windowDays: WINDOW_DAYS });
  });

  it("finds no recent cases for an address Heed has never seen", async () => {
    await storeCase("CS-0000001A", "2026-11-23T10:00:00.000Z");

    const history = await contactHistory("new@example.org", NOW, {
      cases: store.cases,
      policy: defaultPolicy,
    });

    expect(history).toEqual({ recentCases: 0, windowDays: WINDOW_DAYS });
  });

  it("follows the policy's window: a shorter window leaves an older case out", async () => {
    await storeCase("CS-0000001A", "2026-11-23T10:00:00.000Z");
    await storeCase("CS-0000002A", "2026-11-29T10:00:00.000Z");
    const policy = structuredClone(defaultPolicy);
    policy.classification.repeatContact.windowDays = 7;

    const history = await contactHistory(EMAIL, NOW, { cases: store.cases, policy });

    expect(history).toEqual({ recentCases: 1, windowDays: 7 });
  });
});

describe("noEarlierContact", () => {
  it("gives a first-time customer no recent cases within the policy's window", () => {
    expect(noEarlierContact({ policy: defaultPolicy })).toEqual({ recentCases: 0, windowDays: WINDOW_DAYS });
  });
});

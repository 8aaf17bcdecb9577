// Staff acting on cases through the staff API, each action recorded on the timeline with who and when:
// taking a case on (and the refusal when a colleague has it), internal notes, re-referral to another
// level (which reaches that level's team), corrections that keep the original, and refunds or goodwill
// checked against the limits of each level's authority. Anything above a colleague's level is a 403
// with the reason in a sentence.
import { describe, expect, it } from "vitest";
import { DynamoDbCaseTableInventory } from "../../shared/adapters/aws/dynamodb-case-table-inventory";
import { exportCorrectedExamples } from "../../shared/application/understanding-export";
import type { CaseRecord, TimelineEvent } from "../../shared/domain/case";
import { eventsOf } from "./support/case-view";
import { callApi, caseStore, colleague, notified, seedCase } from "./support/staff-cases";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

interface ActionAnswer {
  event: TimelineEvent;
}

describe("staff actions", () => {
  const sandbox = withSandbox();
  const post = (token: string, reference: string, action: string, body: unknown) =>
    callApi<ActionAnswer>(sandbox(), token, `/api/cases/${reference}/${action}`, body);
  const current = async (reference: string) => (await caseStore(sandbox()).getCase(reference)) as CaseRecord;
  const timeline = (reference: string) => caseStore(sandbox()).timeline(reference);

  describe("taking a case on", () => {
    it("lets a colleague at the case's level take it, and records who and when", async () => {
      // Prepare
      const record = await seedCase(sandbox(), { level: "frontline", unreferred: true });
      const jo = colleague(sandbox(), "frontline");

      // Act
      const answer = await post(jo.token, record.reference, "claim", {});

      // Assess
      expect(answer.status).toBe(200);
      expect(answer.body.event).toMatchObject({ type: "claimed", by: jo.id, role: "frontline" });
      const after = await current(record.reference);
      expect(after.claim).toMatchObject({ by: jo.id });
      expect(after.firstStaffActionAt).toBe(answer.body.event.at);
      expect(eventsOf(await timeline(record.reference), "claimed")).toHaveLength(1);
    });

    it("refuses a case a colleague already has, and lets only a supervisor take it over", async () => {
      // Prepare
      const record = await seedCase(sandbox(), { level: "frontline", unreferred: true });
      const [jo, sam] = [colleague(sandbox(), "frontline"), colleague(sandbox(), "frontline")];
      const supervisor = colleague(sandbox(), "supervisor");
      await post(jo.token, record.reference, "claim", {});

      // Act
      const taken = await post(sam.token, record.reference, "claim", {});
      const overreach = await post(sam.token, record.reference, "claim", { takeOver: true });
      const takeOver = await post(supervisor.token, record.reference, "claim", { takeOver: true });

      // Assess
      expect(taken.status).toBe(409);
      expect(taken.body.error?.message).toContain(`${jo.id} already has this case`);
      expect(overreach.status).toBe(403);
      expect(overreach.body.error?.message).toBe(
        "Only supervisors and above can take over a case a colleague holds; ask them to pass it on.",
      );
      expect(takeOver.status).toBe(200);
      expect(takeOver.body.event).toMatchObject({ by: supervisor.id, previous: jo.id });
    });

    it("refuses a colleague below the case's level, saying who can act", async () => {
      // Prepare
      const record = await seedCase(sandbox(), { level: "management", unreferred: true });
      const jo = colleague(sandbox(), "frontline");

      // Act
      const answer = await post(jo.token, record.reference, "claim", {});

      // Assess
      expect(answer.status).toBe(403);
      expect(answer.body.error).toMatchObject({
        code: "refused",
        message:
          "This case is referred to management, above frontline staff, so you cannot take it; ask management or re-refer it from there.",
      });
      expect((await current(record.reference)).claim).toBeUndefined();
    });
  });

  it("adds an internal note for any colleague, admins included", async () => {
    // Prepare
    const record = await seedCase(sandbox(), { level: "head-office", unreferred: true });
    const admin = colleague(sandbox(), "admin");

    // Act
    const answer = await post(admin.token, record.reference, "notes", {
      text: "Customer rang: <b>not</b> urgent.",
    });

    // Assess
    expect(answer.status).toBe(201);
    expect(eventsOf(await timeline(record.reference), "note-added")).toEqual([
      expect.objectContaining({ by: admin.id, role: "admin", text: "Customer rang: <b>not</b> urgent." }),
    ]);
  });

  it("re-refers a case to another level with the reason, and that level's team hears about it", async () => {
    // Prepare
    const record = await seedCase(sandbox(), { level: "frontline" });
    await notified(sandbox(), record.reference);
    const jo = colleague(sandbox(), "frontline");
    const supervisor = colleague(sandbox(), "supervisor");

    // Act
    const answer = await post(jo.token, record.reference, "refer", {
      level: "supervisor",
      reason: "The customer asks for more than I may agree.",
    });

    // Assess: recorded, moved and sent
    expect(answer.status).toBe(201);
    expect(answer.body.event).toMatchObject({
      type: "re-referred",
      by: jo.id,
      fromLevel: "frontline",
      level: "supervisor",
      reason: "The customer asks for more than I may agree.",
    });
    const after = await current(record.reference);
    expect(after.referral).toMatchObject({
      level: "supervisor",
      referredBy: jo.id,
      reasonCode: "staff-re-referral",
      state: "sent",
    });
    const referralId = (answer.body.event as { referralId: string }).referralId;
    await notified(sandbox(), record.reference, referralId);
    const mail = (await sandbox().readSesStore()).find(
      (item) => item.subject.includes(record.reference) && (item.body.text ?? "").includes(`(by ${jo.id})`),
    );
    expect(mail?.subject).toContain("Referred to supervisors");

    // Assess: it left frontline's queue and waits in the supervisors'
    const frontlineQueue = await callApi<{ cases: { reference: string }[] }>(
      sandbox(),
      jo.token,
      "/api/queue",
    );
    expect(frontlineQueue.body.cases.map((item) => item.reference)).not.toContain(record.reference);
    const supervisorQueue = await waitFor(async () => {
      const queue = await callApi<{ cases: { reference: string }[] }>(
        sandbox(),
        supervisor.token,
        "/api/queue",
      );
      return queue.body.cases.some((item) => item.reference === record.reference) && queue;
    });
    expect(supervisorQueue.status).toBe(200);

    // Assess: the same level again is refused
    const again = await post(supervisor.token, record.reference, "refer", {
      level: "supervisor",
      reason: "again",
    });
    expect(again.status).toBe(403);
    expect(again.body.error?.message).toBe("This case is already referred to supervisors.");
  });

  describe("corrections", () => {
    it("corrects a phone number to E.164, keeps the original, and finds the case by the new number", async () => {
      // Prepare
      const record = await seedCase(sandbox(), {
        level: "frontline",
        unreferred: true,
        customer: { phone: "+441134960000" },
      });
      const jo = colleague(sandbox(), "frontline");

      // Act
      const answer = await post(jo.token, record.reference, "details", {
        field: "phone",
        value: "07700 900 123",
        reason: "The customer gave it on the phone.",
      });

      // Assess
      expect(answer.status).toBe(201);
      const after = await current(record.reference);
      expect(after.customer.phone).toBe("+447700900123");
      expect(after.corrections).toEqual([
        expect.objectContaining({
          field: "phone",
          original: "+441134960000",
          corrected: "+447700900123",
          by: jo.id,
        }),
      ]);
      const found = await callApi<{ cases: { reference: string }[] }>(
        sandbox(),
        jo.token,
        "/api/search?q=%2B44%207700%20900123",
      );
      expect(found.body.cases.map((item) => item.reference)).toEqual([record.reference]);
    });

    it("refuses a postcode that is not one, with what a postcode looks like", async () => {
      // Prepare
      const record = await seedCase(sandbox(), { level: "frontline", unreferred: true });
      const jo = colleague(sandbox(), "frontline");

      // Act
      const answer = await post(jo.token, record.reference, "details", {
        field: "postcode",
        value: "NOT A CODE",
        reason: "typo",
      });

      // Assess
      expect(answer.status).toBe(422);
      expect(answer.body.error?.message).toBe("That is not a UK postcode; write it like LS1 4AP.");
    });

    it("corrects the classification and keeps what Heed first understood", async () => {
      // Prepare
      const record = await seedCase(sandbox(), {
        level: "supervisor",
        unreferred: true,
        category: "delivery",
      });
      const supervisor = colleague(sandbox(), "supervisor");

      // Act
      const answer = await post(supervisor.token, record.reference, "classification", {
        category: "billing-refund",
        cause: "expectation-gap",
        reason: "It is about a refund that was never paid.",
      });

      // Assess
      expect(answer.status).toBe(201);
      const after = await current(record.reference);
      expect(after.classification).toMatchObject({
        category: "billing-refund",
        cause: "expectation-gap",
        kind: "complaint",
      });
      expect(
        after.corrections?.map(({ field, original, corrected }) => ({ field, original, corrected })),
      ).toEqual([
        { field: "category", original: "delivery", corrected: "billing-refund" },
        { field: "cause", original: "system-or-procedure-failure", corrected: "expectation-gap" },
      ]);
      expect(eventsOf(await timeline(record.reference), "classification-corrected")).toHaveLength(1);
    });

    it("refers the case again when a corrected signal needs a higher level, and keeps the correction", async () => {
      // Prepare: a case at frontline whose legal threat Heed missed.
      const record = await seedCase(sandbox(), { level: "frontline" });
      await notified(sandbox(), record.reference);
      const jo = colleague(sandbox(), "frontline");

      // Act
      const answer = await post(jo.token, record.reference, "classification", {
        signals: ["legal-threat"],
        reason: "The customer says they have instructed a solicitor.",
      });

      // Assess: the correction is kept with what Heed had, and the case moved to management
      expect(answer.status).toBe(201);
      const after = await current(record.reference);
      expect(after.classification.signals).toEqual(["dissatisfaction", "legal-threat"]);
      expect(
        after.corrections?.map(({ field, original, corrected }) => ({ field, original, corrected })),
      ).toEqual([{ field: "signals", original: "none", corrected: "legal-threat" }]);
      expect(after.referral).toMatchObject({
        level: "management",
        reasonCode: "legal-threat",
        referredBy: jo.id,
      });
      expect(after.referral.reason).toMatch(/^A colleague corrected what Heed understood/);
      await notified(sandbox(), record.reference, after.referral.referralId);
      expect(eventsOf(await timeline(record.reference), "referred").map((e) => e.level)).toContain(
        "management",
      );

      // Assess: the corrected case is exported as a labelled example, as `npm run understanding:export` does
      const exported = await exportCorrectedExamples({
        inventory: new DynamoDbCaseTableInventory(
          sandbox().clients.documents,
          sandbox().table("case-table").name,
        ),
        cases: caseStore(sandbox()),
      });
      expect(exported.messages).toContainEqual(
        expect.objectContaining({
          id: `correction-${record.reference.toLowerCase()}`,
          expected: expect.objectContaining({
            kind: "complaint",
            signals: ["legal-threat"],
            minimumLevel: "management",
          }),
        }),
      );
    });

    it("refuses a category the policy does not have", async () => {
      const record = await seedCase(sandbox(), { level: "frontline", unreferred: true });
      const jo = colleague(sandbox(), "frontline");

      const answer = await post(jo.token, record.reference, "classification", {
        category: "weather",
        reason: "?",
      });

      expect(answer.status).toBe(422);
      expect(answer.body.error?.message).toContain('There is no category "weather"');
    });
  });

  describe("refunds and goodwill within authority", () => {
    it("lets frontline staff agree goodwill up to their limit and records the authority", async () => {
      // Prepare
      const record = await seedCase(sandbox(), { level: "frontline", unreferred: true });
      const jo = colleague(sandbox(), "frontline");

      // Act
      const answer = await post(jo.token, record.reference, "offers", {
        type: "goodwill",
        amount: 20,
        description: "Voucher for the wasted trip to the depot.",
      });

      // Assess
      expect(answer.status).toBe(201);
      expect(answer.body.event).toMatchObject({
        type: "offer-agreed",
        offer: "goodwill",
        amount: 20,
        currency: "GBP",
        by: jo.id,
        authority: "A goodwill gesture of £20.00 is within the £25.00 that frontline staff may agree.",
      });
    });

    it("refuses frontline staff goodwill above their limit, naming who may agree it", async () => {
      // Prepare
      const record = await seedCase(sandbox(), { level: "frontline", unreferred: true });
      const jo = colleague(sandbox(), "frontline");

      // Act
      const answer = await post(jo.token, record.reference, "offers", {
        type: "goodwill",
        amount: 30,
        description: "Voucher",
      });

      // Assess
      expect(answer.status).toBe(403);
      expect(answer.body.error?.message).toBe(
        "A goodwill gesture of £30.00 is more than the £25.00 that frontline staff may agree; a supervisor may agree up to £100.00. Re-refer the case to supervisors.",
      );
      expect(eventsOf(await timeline(record.reference), "offer-agreed")).toHaveLength(0);
    });

    it("lets a supervisor agree a refund a frontline colleague may not", async () => {
      const record = await seedCase(sandbox(), { level: "frontline", unreferred: true });
      const supervisor = colleague(sandbox(), "supervisor");

      const answer = await post(supervisor.token, record.reference, "offers", {
        type: "refund",
        amount: 200,
        description: "Full refund",
      });

      expect(answer.status).toBe(201);
      expect(answer.body.event).toMatchObject({ role: "supervisor", amount: 200 });
    });

    it("refuses a refund beyond management's limit, saying head office may agree it", async () => {
      const record = await seedCase(sandbox(), { level: "management", unreferred: true });
      const manager = colleague(sandbox(), "management");

      const answer = await post(manager.token, record.reference, "offers", {
        type: "refund",
        amount: 2500,
        description: "Refund",
      });

      expect(answer.status).toBe(403);
      expect(answer.body.error?.message).toBe(
        "A refund of £2,500.00 is more than the £2,000.00 that management may agree; head office may agree any amount. Re-refer the case to head office.",
      );
    });

    it("refuses admins, who have no authority over money", async () => {
      const record = await seedCase(sandbox(), { level: "frontline", unreferred: true });
      const admin = colleague(sandbox(), "admin");

      const answer = await post(admin.token, record.reference, "offers", {
        type: "refund",
        amount: 5,
        description: "Refund",
      });

      expect(answer.status).toBe(403);
      expect(answer.body.error?.message).toContain("admins look after Heed itself");
    });
  });

  describe("bad requests", () => {
    it("answers a mistyped reference with the suggestion, an unknown case with 404, and a bad body with the problems", async () => {
      const record = await seedCase(sandbox(), { level: "frontline", unreferred: true });
      const jo = colleague(sandbox(), "frontline");
      const check = record.reference.slice(-1);
      const mistyped = `${record.reference.slice(0, -1)}${check === "0" ? "1" : "0"}`;

      const wrongCheck = await post(jo.token, mistyped, "notes", { text: "hello" });
      const unknown = await post(jo.token, "CS-00000000", "notes", { text: "hello" });
      const badBody = await post(jo.token, record.reference, "offers", {
        type: "cash",
        amount: -1,
        extra: true,
      });

      expect(wrongCheck.status).toBe(400);
      expect(wrongCheck.body.error).toMatchObject({
        code: "invalid-reference",
        suggestion: record.reference,
      });
      expect(unknown.status).toBe(404);
      expect(badBody.status).toBe(400);
      expect(badBody.body.error?.code).toBe("invalid-body");
    });

    it("answers a request without a token with 401, before any handler runs", async () => {
      const record = await seedCase(sandbox(), { level: "frontline", unreferred: true });

      const answer = await callApi(sandbox(), null, `/api/cases/${record.reference}/claim`, {});

      expect(answer.status).toBe(401);
    });
  });
});

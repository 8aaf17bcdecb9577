import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isErasedPerson } from "../../shared/application/erased-person";
import { newFormSession } from "../../shared/application/form-session";
import { type FormIntakeDependencies, receiveFormPost } from "../../shared/application/intake-form";
import {
  recordStaffReport,
  type StaffReportDependencies,
} from "../../shared/application/intake-staff-report";
import { defaultIntakePolicy } from "../../shared/config/intake-policy";
import { defaultPolicy } from "../../shared/config/policy";
import { PRIVACY_NOTICE } from "../../shared/config/privacy-notice";
import { defineForm } from "../../shared/domain/form-submission";
import type { Tombstones } from "../../shared/ports";
import {
  CountingQuota,
  MemoryCases,
  MovableClock,
  RecordingMailer,
  RecordingQueues,
  RecordingReferrals,
  silentLog,
  unusedThemes,
} from "./communication-fakes";
import { MemoryIntakeLedger } from "./support/memory-intake-ledger";

const ERASED = "erased@example.org";
const STILL_HERE = "still-here@example.org";

function world() {
  const buried = [`email:${ERASED}`];
  const tombstones: Pick<Tombstones, "covers"> = {
    covers: async (kind, value) => buried.includes(`${kind}:${value}`),
  };
  const cases = new MemoryCases();
  const ledger = new MemoryIntakeLedger();
  const mailer = new RecordingMailer();
  const clock = new MovableClock(new Date("2026-11-23T10:00:00.000Z"));
  const common = {
    cases,
    ledger,
    themes: unusedThemes,
    tombstones,
    mailer,
    clock,
    quota: new CountingQuota(),
    intakePolicy: defaultIntakePolicy,
    referrals: new RecordingReferrals(),
    queues: new RecordingQueues(),
    urgentSignals: [],
    random: randomBytes,
    policy: defaultPolicy,
    log: silentLog,
  };
  const form: FormIntakeDependencies = {
    ...common,
    rateLimiter: { take: async () => true },
    newSubmissionId: randomUUID,
    form: defineForm(Object.keys(defaultPolicy.classification.categories)),
    notice: PRIVACY_NOTICE,
    settings: {
      intakeAddress: "complaints@example.com",
      signingKey: "a signing key long enough for the form token",
      allowedOrigins: [],
      minSecondsToSubmit: 3,
      postsPerIp: { name: "form-ip", limit: 10, windowSeconds: 3600 },
      postsPerEmail: { name: "form-email", limit: 10, windowSeconds: 86_400 },
    },
  };
  const staff: StaffReportDependencies = { ...common, settings: { intakeAddress: "complaints@example.com" } };
  return { form, staff, cases, ledger, mailer, clock };
}

async function post(email: string, { form, clock }: ReturnType<typeof world>) {
  const session = newFormSession(form);
  clock.set("2026-11-23T10:01:00.000Z");
  const fields = {
    ...session,
    name: "Jo Bloggs",
    email,
    phone: "",
    address: "",
    postcode: "",
    orderReference: "",
    category: "delivery",
    message: "My parcel has not arrived and I am very disappointed.",
    contactPreference: "email",
    website: "",
  };
  const result = await receiveFormPost(
    {
      requestId: randomUUID(),
      sourceIp: "198.51.100.7",
      origin: "https://forms.example",
      ownOrigin: "https://forms.example",
      form: { fields },
    },
    form,
  );
  return { result, intakeId: `form:${session.submissionId}` };
}

function report(email: string) {
  return {
    reportId: randomUUID(),
    subject: "Parcel left in the rain",
    description: "The customer rang to say the parcel was left outside in the rain.",
    customer: { email },
  };
}

describe("erasure tombstones on the web form", () => {
  it("records a post from an erased person as held back, with no case, and answers as for any post", async () => {
    // Prepare
    const erased = world();
    const control = world();

    // Act
    const held = await post(ERASED, erased);
    const recorded = await post(STILL_HERE, control);

    // Assess
    expect(held.result.status).toBe("accepted");
    expect(erased.ledger.entries.get(held.intakeId)?.result).toMatchObject({
      outcome: "quarantined",
      reason: "erased-person",
    });
    expect(erased.cases.cases.size).toBe(0);
    expect(erased.mailer.sent).toHaveLength(0);
    expect(control.ledger.entries.get(recorded.intakeId)?.result?.outcome).toBe("case-created");
    expect(control.cases.cases.size).toBe(1);
  });
});

describe("erasure tombstones on staff-raised reports", () => {
  it("refuses a report about an erased customer, records why, and refuses its repeat the same way", async () => {
    // Prepare
    const { staff, cases, ledger } = world();
    const input = report(ERASED);

    // Act
    const first = await recordStaffReport(input, { id: "sam@example.com" }, staff);
    const again = await recordStaffReport(input, { id: "sam@example.com" }, staff);

    // Assess
    expect(first).toEqual({ refused: "erased-person" });
    expect(again).toEqual({ refused: "erased-person" });
    expect(ledger.entries.get(`staff:${input.reportId}`)?.result).toMatchObject({
      outcome: "quarantined",
      reason: "erased-person",
    });
    expect(cases.cases.size).toBe(0);
  });

  it("records a report about a customer who was not erased", async () => {
    // Prepare
    const { staff, cases } = world();

    // Act
    const result = await recordStaffReport(report(STILL_HERE), { id: "sam@example.com" }, staff);

    // Assess
    expect(result).toMatchObject({ created: true });
    expect(cases.cases.size).toBe(1);
  });
});

describe("isErasedPerson", () => {
  const tombstones: Pick<Tombstones, "covers"> = {
    covers: async (kind, value) => kind === "email" && value === ERASED,
  };

  it("holds back an erased address however it is written, and lets any other address through", async () => {
    expect(await isErasedPerson(" Erased@Example.ORG ", {}, tombstones)).toBe(true);
    expect(await isErasedPerson(STILL_HERE, {}, tombstones)).toBe(false);
  });

  it("lets through an entry staff released from quarantine after looking at it", async () => {
    const released = { release: { by: "head-office@example.com", at: "2026-11-24T10:00:00.000Z" } };

    expect(await isErasedPerson(ERASED, released, tombstones)).toBe(false);
  });
});

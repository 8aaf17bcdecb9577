// Screening and threading through the real pipeline, with a corpus of messages real complaint
// mailboxes receive. Every message ends in exactly one intake outcome; machines are never answered.

import { readFileSync } from "node:fs";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { checkCharacter } from "../../shared/domain/reference";
import { type CaseView, eventsOf } from "./support/case-view";
import { colleague } from "./support/staff-cases";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

let customers = 0;
/** A fresh customer address per case, so the per-sender daily cap on acknowledgements stays out of the way. */
const newCustomer = () => `jo.thread.${++customers}@example.org`;
const fixture = (name: string, values: Record<string, string> = {}) =>
  Object.entries({ CUSTOMER: "jo.thread@example.org", ...values }).reduce(
    (text, [key, value]) => text.replaceAll(`{{${key}}}`, value),
    readFileSync(new URL(`../fixtures/email/screening/${name}`, import.meta.url), "latin1"),
  );

interface Outcome {
  outcome: string;
  caseReference?: string;
  reason?: string;
}

describe("screening and threading", () => {
  const sandbox = withSandbox();

  async function outcomeOf(key: string): Promise<Outcome> {
    return waitFor(
      async () => {
        const response = await sandbox().fetchApi(`/api/intake?id=${encodeURIComponent(`mail:${key}`)}`);
        const { entries } = (await response.json()) as { entries: { result?: Outcome }[] };
        return entries[0]?.result;
      },
      { description: `an intake outcome for ${key}` },
    );
  }

  async function send(raw: string | Buffer): Promise<Outcome> {
    const sent = await sandbox().sendEml(raw);
    return outcomeOf(sent.key);
  }

  /** Writes a message to the raw-mail bucket exactly as SES stored it, verdict headers included. */
  async function storeAsSes(raw: string): Promise<Outcome> {
    const bucket = sandbox().bucket("raw-mail-bucket").name;
    const key = `inbound/ses-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await sandbox().clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: raw }));
    return outcomeOf(key);
  }

  async function caseView(reference: string) {
    const response = await sandbox().fetchApi(`/api/cases/${reference}`);
    return (await response.json()) as CaseView;
  }

  async function acknowledgedCase(
    customer = newCustomer(),
  ): Promise<{ reference: string; ackMessageId: string; customer: string }> {
    const raw = [
      `From: Jo Thread <${customer}>`,
      "To: complaints@example.com",
      "Subject: Parcel still not here",
      `Message-ID: <origin-${Date.now()}-${Math.random()}@example.org>`,
      "Content-Type: text/plain",
      "",
      "My parcel has not arrived and I am fed up.",
    ].join("\r\n");
    const outcome = await send(raw);
    const reference = outcome.caseReference ?? "";
    const view = await waitFor(async () => {
      const current = await caseView(reference);
      return current.case.acknowledgement.state === "sent" ? current : undefined;
    });
    return { reference, ackMessageId: view.case.acknowledgement.messageId ?? "", customer };
  }

  it.each([
    ["exchange-auto-reply.eml", "auto-submitted"],
    ["gmail-vacation.eml", "auto-submitted"],
    ["mailing-list.eml", "bulk-or-list"],
  ])("never answers %s (%s)", async (name, reason) => {
    const raw = fixture(name);
    const sender = /^From:.*?<([^>]+)>/im.exec(raw)?.[1] ?? "";
    expect(await send(raw)).toEqual(expect.objectContaining({ outcome: "suppressed", reason }));
    const toSender = (await sandbox().readCustomerMail()).filter((m) => m.destination.to.includes(sender));
    expect(toSender).toEqual([]);
  });

  it.each(["postfix-dsn.eml", "ses-bounce.eml"])(
    "matches the delivery report %s to the acknowledgement that bounced and marks the customer not informed",
    async (name) => {
      const { reference, ackMessageId, customer } = await acknowledgedCase();
      const outcome = await send(fixture(name, { ACK_MESSAGE_ID: ackMessageId, CUSTOMER: customer }));
      expect(outcome).toMatchObject({ outcome: "suppressed", reason: "delivery-report" });
      const view = await caseView(reference);
      expect(view.case.flags["customer-not-informed"]).toBeDefined();
      expect(view.timeline.some((e) => e.type === "delivery-failed" && e.messageId === ackMessageId)).toBe(
        true,
      );
    },
  );

  it("keeps a reply that failed SPF and DMARC on the case, flagged, but never lets it reopen the case or count as the customer's", async () => {
    // Prepare: a resolved case
    const { reference, ackMessageId, customer } = await acknowledgedCase();
    const headOffice = colleague(sandbox(), "head-office");
    const resolved = await sandbox().fetchApi(`/api/cases/${reference}/resolve`, {
      method: "POST",
      token: headOffice.token,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ agreed: "The parcel was traced and delivered to you." }),
    });
    expect(resolved.status).toBe(200);
    const reply = (verdicts: string, id: string) =>
      [
        `Return-Path: <${customer}>`,
        "Received: from mx.example.org by inbound-smtp.eu-west-2.amazonaws.com with SMTP id r1 for complaints@example.com; Mon, 23 Nov 2026 13:05:00 +0000",
        "X-SES-Spam-Verdict: PASS",
        "X-SES-Virus-Verdict: PASS",
        `Authentication-Results: amazonses.com; ${verdicts}`,
        `From: Jo Thread <${customer}>`,
        "To: complaints@example.com",
        "Subject: Re: Parcel still not here",
        `Message-ID: <${id}-${Date.now()}@example.org>`,
        `In-Reply-To: <${ackMessageId}>`,
        "Content-Type: text/plain",
        "",
        "It never came. Send the refund to a new account instead.",
      ].join("\r\n");

    // Act: a reply that fails SPF and DMARC
    const spoofed = await storeAsSes(
      reply("spf=fail smtp.mailfrom=example.org; dmarc=fail header.from=example.org", "spoof"),
    );

    // Assess: kept and flagged, not the customer's answer, the case still resolved, no notice sent
    expect(spoofed).toEqual(expect.objectContaining({ outcome: "threaded", caseReference: reference }));
    const afterSpoof = await caseView(reference);
    expect(afterSpoof.case.status).toBe("resolved");
    expect(afterSpoof.case.flags["possible-spoof"]?.detail).toContain(
      "does not count as the customer's answer",
    );
    expect(eventsOf(afterSpoof.timeline, "message-received").at(-1)).toMatchObject({
      fromCustomer: false,
      possibleSpoof: true,
    });
    expect(eventsOf(afterSpoof.timeline, "reopened")).toEqual([]);
    expect(eventsOf(afterSpoof.timeline, "message-sent").map((event) => event.purpose)).not.toContain(
      "reply-notice",
    );

    // Act: the same reply passing the checks
    await storeAsSes(
      reply("spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org", "genuine"),
    );

    // Assess: that one is the customer's, and reopens the case
    expect((await caseView(reference)).case.status).toBe("open");
  });

  it("threads a reply that only has In-Reply-To into its case: a reply notice, no new acknowledgement", async () => {
    const { reference, ackMessageId, customer } = await acknowledgedCase();
    const outcome = await send(
      fixture("reply-in-reply-to.eml", { ACK_MESSAGE_ID: ackMessageId, CUSTOMER: customer }),
    );
    expect(outcome).toEqual(expect.objectContaining({ outcome: "threaded", caseReference: reference }));
    const view = await waitFor(async () => {
      const current = await caseView(reference);
      return eventsOf(current.timeline, "message-sent").length === 2 ? current : undefined;
    });
    expect(eventsOf(view.timeline, "message-received")).toHaveLength(2);
    expect(eventsOf(view.timeline, "message-sent").map((e) => e.purpose)).toEqual([
      "acknowledgement",
      "reply-notice",
    ]);
    const toCustomer = (await sandbox().readCustomerMail()).filter((m) =>
      m.destination.to.includes(customer),
    );
    expect(toCustomer).toHaveLength(2);
  });

  it("threads a reply that only quotes the reference in its subject", async () => {
    const { reference, customer } = await acknowledgedCase();
    const outcome = await send(
      fixture("reply-subject-reference.eml", { REFERENCE: reference, CUSTOMER: customer }),
    );
    expect(outcome).toEqual(expect.objectContaining({ outcome: "threaded", caseReference: reference }));
  });

  it("lifts the case to management when the customer's reply adds an ombudsman, with a new referral and its reason", async () => {
    // Prepare: a complaint referred to supervisors, then a reply that raises an ombudsman.
    const { reference, customer } = await acknowledgedCase();
    expect((await caseView(reference)).case.referral.level).toBe("supervisor");
    const reply = [
      `From: Jo Thread <${customer}>`,
      "To: complaints@example.com",
      `Subject: Re: Parcel still not here [${reference}]`,
      `Message-ID: <lift-${Date.now()}@example.org>`,
      "Content-Type: text/plain",
      "",
      "Still nothing. If this is not sorted by Friday I will take it to the ombudsman.",
    ].join("\r\n");

    // Act
    const outcome = await send(reply);

    // Assess
    expect(outcome).toEqual(expect.objectContaining({ outcome: "threaded", caseReference: reference }));
    const view = await waitFor(async () => {
      const current = await caseView(reference);
      return current.case.referral.level === "management" && current.case.referral.state === "sent"
        ? current
        : undefined;
    });
    expect(view.case.classification.signals).toContain("legal-threat");
    expect(view.case.classification.evidence).toContainEqual({
      rule: "signal:legal-threat",
      matched: "ombudsman (in a later message)",
    });
    expect(view.case.referral.reason).toMatch(/^A later message from the customer changed what we know/);
    expect(eventsOf(view.timeline, "referred").map((e) => e.level)).toEqual(["supervisor", "management"]);
    const notification = await waitFor(async () =>
      (await sandbox().readSesStore()).find(
        (mail) =>
          mail.destination.to.includes("customer-relations-managers@example.com") &&
          mail.body.text?.includes(reference) &&
          mail.body.text.includes("A later message from the customer"),
      ),
    );
    expect(notification.body.text).toContain("ombudsman");
  });

  it("opens a new case for a mistyped reference and notes what was quoted", async () => {
    const { reference, customer } = await acknowledgedCase();
    const wrongCheck = checkCharacter(reference.slice(3, 10)) === "0" ? "1" : "0";
    const mistyped = `${reference.slice(0, 10)}${wrongCheck}`;
    const outcome = await send(
      fixture("reply-mistyped-reference.eml", { MISTYPED_REFERENCE: mistyped, CUSTOMER: customer }),
    );
    expect(outcome.outcome).toBe("case-created");
    expect(outcome.caseReference).not.toBe(reference);
    const view = await caseView(outcome.caseReference ?? "");
    expect(view.case.flags["invalid-reference-quoted"]?.detail).toContain(mistyped);
  });

  it("attaches a reply from someone other than the customer but flags it as not from the customer", async () => {
    const { reference } = await acknowledgedCase();
    const outcome = await send(fixture("reply-from-someone-else.eml", { REFERENCE: reference }));
    expect(outcome).toEqual(expect.objectContaining({ outcome: "threaded", caseReference: reference }));
    const view = await caseView(reference);
    expect(view.case.flags["reply-from-other-sender"]).toBeDefined();
    expect(
      eventsOf(view.timeline, "message-received").find((e) => e.from === "chris.bloggs@example.org")
        ?.fromCustomer,
    ).toBe(false);
  });

  it("records the forwarded customer, not the member of staff who forwarded it", async () => {
    const outcome = await send(fixture("staff-forward.eml"));
    const view = await caseView(outcome.caseReference ?? "");
    expect(view.case.customer).toMatchObject({ email: "dana.fox@example.org", name: "Dana Fox" });
    expect(view.case.forwardedBy).toBe("sam.staff@example.com");
    // The outcome is recorded before the acknowledgement goes out: wait for it.
    const ack = await waitFor(async () =>
      (await sandbox().readCustomerMail()).find((m) => m.subject.includes(outcome.caseReference ?? "-")),
    );
    expect(ack.destination.to).toEqual(["dana.fox@example.org"]);
  });

  it("lets only an admin release mail SES found a virus in", async () => {
    // Prepare: a message SES gave a virus verdict, stored as SES stores it
    const raw = fixture("ses-spam.eml")
      .replace("X-SES-Spam-Verdict: FAIL", "X-SES-Spam-Verdict: PASS")
      .replace("X-SES-Virus-Verdict: PASS", "X-SES-Virus-Verdict: FAIL")
      .replace("<spam-1@example.net>", `<virus-${Date.now()}@example.net>`);
    const key = `inbound/ses-virus-${Date.now()}`;
    await sandbox().clients.s3.send(
      new PutObjectCommand({ Bucket: sandbox().bucket("raw-mail-bucket").name, Key: key, Body: raw }),
    );
    expect(await outcomeOf(key)).toEqual(
      expect.objectContaining({ outcome: "quarantined", reason: "virus" }),
    );
    const release = (token: string) =>
      sandbox().fetchApi(`/api/quarantine/${encodeURIComponent(`mail:${key}`)}/release`, {
        method: "POST",
        token,
        headers: { "content-type": "application/json" },
        body: "{}",
      });

    // Act
    const byHeadOffice = await release(colleague(sandbox(), "head-office").token);
    const byAdmin = await release(sandbox().devToken);

    // Assess
    expect(byHeadOffice.status).toBe(403);
    expect(((await byHeadOffice.json()) as { error: { message: string } }).error.message).toBe(
      "Only admins can release mail SES found a virus in; ask an administrator to check it first.",
    );
    expect(byAdmin.status).toBe(202);
  });

  it("quarantines a spam verdict that SES wrote, and flags a failed SPF/DMARC sender without acknowledging", async () => {
    expect(await storeAsSes(fixture("ses-spam.eml"))).toEqual(
      expect.objectContaining({ outcome: "quarantined", reason: "spam" }),
    );
    const spoof = await storeAsSes(fixture("ses-spf-fail.eml"));
    const view = await caseView(spoof.caseReference ?? "");
    expect(view.case.flags["possible-spoof"]).toBeDefined();
    expect(view.case.acknowledgement).toMatchObject({ state: "not-required", reason: "possible-spoof" });
  });

  it.each([
    ["spam=FAIL", { outcome: "quarantined", reason: "spam" }],
    ["virus=FAIL", { outcome: "quarantined", reason: "virus" }],
    ["spam=GRAY; virus=GRAY", { outcome: "case-created" }],
  ])(
    "stamps the verdicts %s asked of the local SMTP, and intake reads them as SES's",
    async (verdicts, expected) => {
      // Prepare
      const raw = [
        `From: Verdict Tester <${newCustomer()}>`,
        "To: complaints@example.com",
        "Subject: Parcel still not here",
        `X-Heed-Sandbox-Verdicts: ${verdicts}`,
        "Content-Type: text/plain",
        "",
        `My parcel has not arrived (${verdicts}).`,
      ].join("\r\n");

      // Act + Assess
      expect(await send(raw)).toEqual(expect.objectContaining(expected));
    },
  );

  it("holds the acknowledgement of a sender failing SPF and DMARC, through SMTP", async () => {
    // Prepare
    const raw = [
      `From: Maybe Forged <${newCustomer()}>`,
      "To: complaints@example.com",
      "Subject: Parcel still not here",
      "X-Heed-Sandbox-Verdicts: spf=fail; dkim=fail; dmarc=fail",
      "Content-Type: text/plain",
      "",
      "My parcel has not arrived.",
    ].join("\r\n");

    // Act
    const outcome = await send(raw);
    const view = await caseView(outcome.caseReference ?? "");

    // Assess
    expect(view.case.flags["possible-spoof"]).toBeDefined();
    expect(view.case.acknowledgement).toMatchObject({ state: "not-required", reason: "possible-spoof" });
  });

  it("acknowledges a sender neither SPF nor DKIM vouches for with the reference only, quoting none of their words", async () => {
    // Prepare: a message meant to be reflected to a third party
    const victim = newCustomer();
    const raw = [
      `From: Visit cheap-pills.example <${victim}>`,
      "To: complaints@example.com",
      "Subject: Cheap pills at cheap-pills.example",
      "X-Heed-Sandbox-Verdicts: spf=none; dkim=none; dmarc=none",
      "Content-Type: text/plain",
      "",
      "My parcel has not arrived. Visit cheap-pills.example today.",
    ].join("\r\n");

    // Act
    const outcome = await send(raw);
    const reference = outcome.caseReference ?? "";
    const acknowledgement = await waitFor(async () =>
      (await sandbox().readCustomerMail()).find((mail) => mail.destination.to.includes(victim)),
    );

    // Assess
    expect((await caseView(reference)).case.flags["unauthenticated-sender"]).toBeDefined();
    expect(acknowledgement.subject).toBe(`Your message to us [${reference}]`);
    expect(JSON.stringify(acknowledgement)).not.toContain("cheap-pills");
    expect(acknowledgement.body.text).toContain(reference);
  });

  it("quarantines a MIME bomb, lists it for staff and lets staff release it for another attempt", async () => {
    const sent = await sandbox().sendEml(fixture("deep-nesting.eml"));
    expect(await outcomeOf(sent.key)).toEqual(
      expect.objectContaining({ outcome: "quarantined", reason: "too-deep" }),
    );
    const byMessageId = (await (
      await sandbox().fetchApi("/api/intake?messageId=<deep-1@example.net>")
    ).json()) as { entries: { intakeId: string; result?: Outcome }[] };
    expect(byMessageId.entries).toEqual([
      expect.objectContaining({
        intakeId: `mail:${sent.key}`,
        result: expect.objectContaining({ outcome: "quarantined", reason: "too-deep" }),
      }),
    ]);
    const list = (await (await sandbox().fetchApi("/api/quarantine")).json()) as {
      entries: { intakeId: string }[];
    };
    expect(list.entries.map((e) => e.intakeId)).toContain(`mail:${sent.key}`);

    const release = await sandbox().fetchApi(
      `/api/quarantine/${encodeURIComponent(`mail:${sent.key}`)}/release`,
      {
        method: "POST",
      },
    );
    expect(release.status).toBe(202);
    const after = await waitFor(async () => {
      const outcome = await outcomeOf(sent.key).catch(() => undefined);
      return outcome && outcome.outcome !== "quarantined" ? outcome : undefined;
    });
    expect(after.outcome).toBe("case-created");
  });

  it.each([
    ["smime-signed.eml", "application/pkcs7-signature", "application/octet-stream"],
    ["tnef-winmail.eml", "application/ms-tnef", "application/vnd.ms-tnef"],
  ])(
    "records %s with its attachment stored under a generated key, never expanded",
    async (name, declared, type) => {
      const outcome = await send(fixture(name));
      const view = await caseView(outcome.caseReference ?? "");
      const [attachment] = eventsOf(view.timeline, "message-received")[0]?.attachments ?? [];
      if (!attachment) throw new Error("the case recorded no attachment");
      expect(attachment.declaredType).toBe(declared);
      expect(attachment.detectedType).toBe(type);
      expect(attachment.storageKey).toMatch(/^attachments\/CS-[0-9A-Y]{8}\/[0-9a-f]{32}$/);
      expect(attachment.storageKey).not.toContain(attachment.displayName);
    },
  );

  it.each([
    ["windows-1252.eml", "Renée François", "I’m not happy"],
    ["iso-8859-1.eml", "Jörg Müller", "Grüße"],
    ["folded-headers.eml", "Folded Name", "still waiting for my refund"],
  ])("decodes %s: the name and text arrive intact", async (name, customerName, phrase) => {
    const outcome = await send(Buffer.from(fixture(name), "latin1"));
    const view = await caseView(outcome.caseReference ?? "");
    expect(view.case.customer.name).toBe(customerName);
    expect(eventsOf(view.timeline, "message-received")[0]?.text).toContain(phrase);
  });

  it.each(["encoded-name-line-break.eml", "bidi-display-name.eml", "long-subject.eml"])(
    "keeps %s's hostile name or subject out of the acknowledgement's headers",
    async (name) => {
      const outcome = await send(fixture(name));
      const view = await waitFor(async () => {
        const current = await caseView(outcome.caseReference ?? "");
        return current.case.acknowledgement.state === "sent" ? current : undefined;
      });
      const sent = eventsOf(view.timeline, "message-sent")[0];
      for (const value of [sent?.subject, ...Object.values(sent?.headers ?? {})]) {
        expect(value).not.toMatch(/[\r\n\u202e]/);
        expect(String(value).length).toBeLessThan(998);
      }
      const [stored] = (await sandbox().readCustomerMail()).filter((m) =>
        m.subject.includes(outcome.caseReference ?? "-"),
      );
      expect(stored?.destination.to).toHaveLength(1);
      expect(stored?.destination.bcc).toEqual([]);
    },
  );

  it("stops acknowledging a sender after the daily cap, while still recording every message", async () => {
    const customer = newCustomer();
    for (let i = 0; i < 5; i++) await acknowledgedCase(customer);
    const sixth = await send(
      [
        `From: <${customer}>`,
        "To: complaints@example.com",
        "Subject: Again",
        `Message-ID: <cap-${customer}>`,
        "",
        "Still waiting.",
      ].join("\r\n"),
    );
    expect(sixth.outcome).toBe("case-created");
    const view = await waitFor(async () => {
      const current = await caseView(sixth.caseReference ?? "");
      // `sending` is the claim taken before the daily cap is counted: wait for where it settles.
      const { state } = current.case.acknowledgement;
      return state !== "pending" && state !== "sending" ? current : undefined;
    });
    expect(view.case.acknowledgement).toMatchObject({ state: "not-required", reason: "sender-daily-cap" });
  });

  it("drops our own acknowledgement sent back to the complaints address: no case, no mail", async () => {
    const { reference } = await acknowledgedCase();
    const view = await caseView(reference);
    const ack = eventsOf(view.timeline, "message-sent")[0];
    const looped = [
      `From: ${sandbox().intakeAddress}`,
      `To: ${sandbox().intakeAddress}`,
      `Subject: ${ack?.subject}`,
      `Message-ID: <${ack?.messageId}>`,
      ...Object.entries(ack?.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
      "Content-Type: text/plain",
      "",
      ack?.text,
    ].join("\r\n");
    const before = (await sandbox().readCustomerMail()).length;
    const outcome = await send(looped);
    expect(outcome.outcome).toBe("suppressed");
    expect(["own-loop-header", "own-address", "auto-submitted"]).toContain(outcome.reason);
    expect((await sandbox().readCustomerMail()).length).toBe(before);
  });
});

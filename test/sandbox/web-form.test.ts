// The web form end to end through the local HTTP API, the real web-form function and the emulators:
// a post becomes a case that is referred and acknowledged like an email; double submits, bots and bad
// input make no second case and no case at all, and every post leaves its intake ledger entry.

import { randomBytes, randomUUID } from "node:crypto";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { DynamoDbAcknowledgementQuota } from "../../shared/adapters/aws/dynamodb-acknowledgement-quota";
import { DynamoDbCaseStore } from "../../shared/adapters/aws/dynamodb-case-store";
import { DynamoDbIntakeLedger } from "../../shared/adapters/aws/dynamodb-intake-ledger";
import { DynamoDbRateLimiter } from "../../shared/adapters/aws/dynamodb-rate-limiter";
import { DynamoDbThemeLedger } from "../../shared/adapters/aws/dynamodb-theme-ledger";
import { DynamoDbTombstones } from "../../shared/adapters/aws/dynamodb-tombstones";
import { DynamoDbWorkQueues } from "../../shared/adapters/aws/dynamodb-work-queues";
import { SesMailer } from "../../shared/adapters/aws/ses-mailer";
import { SqsReferralQueue } from "../../shared/adapters/aws/sqs-referral-queue";
import { newFormSession } from "../../shared/application/form-session";
import {
  type FormIntakeDependencies,
  type FormPost,
  receiveFormPost,
} from "../../shared/application/intake-form";
import { defaultIntakePolicy } from "../../shared/config/intake-policy";
import { defaultPolicy } from "../../shared/config/policy";
import { PRIVACY_NOTICE } from "../../shared/config/privacy-notice";
import { defaultStaffTeams } from "../../shared/config/staff-teams";
import { defineForm, type FormSession } from "../../shared/domain/form-submission";
import type { IntakeEntry } from "../../shared/domain/intake";
import type { Log } from "../../shared/ports";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

const quiet: Log = { info() {}, warn() {}, error() {} };

describe("web form", { timeout: 60_000 }, () => {
  const sandbox = withSandbox();

  const formFunction = () => {
    const found = sandbox().plan.functions.find((fn) => fn.entry === "functions/web-form/handler.ts");
    if (!found) throw new Error("the stack has no web-form function");
    return found;
  };
  const origin = () => sandbox().urls.http;

  /** The hidden fields of a page rendered `ageMs` ago, signed with the function's own key. */
  function renderedSession(ageMs = 10_000): FormSession {
    return newFormSession({
      clock: { now: () => new Date(Date.now() - ageMs) },
      newSubmissionId: randomUUID,
      notice: PRIVACY_NOTICE,
      settings: {
        signingKey: sandbox().secrets.current(formFunction().environment.FORM_SIGNING_KEY_SECRET ?? ""),
      },
    });
  }

  function complaint(label: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      ...renderedSession(),
      name: "Jo Bloggs",
      email: `${label}-${randomUUID().slice(0, 8)}@example.org`,
      phone: "",
      address: "",
      postcode: "",
      orderReference: "",
      category: "delivery",
      message: "My parcel has not arrived and I am very disappointed.",
      contactPreference: "email",
      website: "",
      ...changes,
    };
  }

  function postJson(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(new URL("/api/forms", origin()), {
      method: "POST",
      headers: { origin: origin(), "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  }

  function postForm(fields: Record<string, unknown>): Promise<Response> {
    return fetch(new URL("/api/forms", origin()), {
      method: "POST",
      headers: { origin: origin(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields as Record<string, string>).toString(),
    });
  }

  /** The case table through Heed's own stores, so these tests depend on nothing but the web form. */
  function stores() {
    const table = sandbox().table("case-table").name;
    return {
      cases: new DynamoDbCaseStore(sandbox().clients.documents, table),
      ledger: new DynamoDbIntakeLedger(sandbox().clients.documents, table),
    };
  }

  function ledgerEntry(intakeId: string): Promise<IntakeEntry | undefined> {
    return stores().ledger.get(intakeId);
  }

  function casesFor(email: unknown): Promise<string[]> {
    return stores().cases.findCaseReferences("email", String(email));
  }

  async function acknowledgedCase(reference: string) {
    const { cases } = stores();
    return waitFor(
      async () => {
        const record = await cases.getCase(reference);
        if (record?.acknowledgement.state !== "sent") return undefined;
        return { case: record, timeline: await cases.timeline(reference) };
      },
      { description: `the acknowledgement of ${reference}` },
    );
  }

  it("serves the form page on GET / with a fresh submission id and a strict content security policy", async () => {
    const response = await fetch(new URL("/", origin()));
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toMatch(
      /^default-src 'none'; style-src 'sha256-/,
    );
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(html).toMatch(/name="submissionId" value="[0-9a-f-]{36}"/);
    expect(html).toMatch(/name="formToken" value="\d+\.[A-Za-z0-9_-]{43}"/);
  });

  it("records a posted complaint, refers it on its level's queue and acknowledges it without In-Reply-To", async () => {
    // Prepare
    const post = complaint("json", {
      phone: "0161 496 0000",
      orderReference: "ORD-55123",
      message: "My parcel has not arrived. If this is not sorted I will take legal action.",
    });

    // Act
    const response = await postJson(post);

    // Assess: the answer
    expect(response.status).toBe(201);
    const { reference } = (await response.json()) as { reference: string };
    expect(reference).toMatch(/^CS-[0-9A-Y]{8}$/);

    // Assess: the case and its ledger entry, which kept the submission
    const { case: record, timeline } = await acknowledgedCase(reference);
    expect(record).toMatchObject({
      channel: "web-form",
      customer: { name: "Jo Bloggs", email: post.email, phone: "+441614960000" },
      transactionReferences: ["ORD-55123"],
      form: {
        submissionId: post.submissionId,
        noticeVersion: PRIVACY_NOTICE.version,
        contactPreference: "email",
      },
    });
    expect(record.inboundMessageId).toBeUndefined();
    expect(record.referral.state).toBe("sent");
    const entry = await ledgerEntry(`form:${post.submissionId}`);
    expect(entry?.result).toMatchObject({ outcome: "case-created", caseReference: reference });
    expect(entry?.submission).toMatchObject({ email: post.email, phone: "+441614960000" });

    // Assess: the referral was sent for the level the case was referred to, and its team was told
    const referred = timeline.find((event) => event.type === "referred");
    expect(referred).toMatchObject({ level: record.referral.level });
    await waitFor(async () =>
      (await sandbox().readSesStore()).find(
        (mail) => !mail.destination.to.includes(String(post.email)) && mail.body.text?.includes(reference),
      ),
    );

    // Assess: one acknowledgement to the customer, not threaded to any message of theirs
    const acknowledgements = (await sandbox().readCustomerMail()).filter((mail) =>
      mail.subject.includes(reference),
    );
    expect(acknowledgements).toHaveLength(1);
    expect(acknowledgements[0]?.destination.to).toEqual([post.email]);
    const sent = timeline.find((event) => event.type === "message-sent");
    expect(sent?.headers).toMatchObject({ "Auto-Submitted": "auto-replied" });
    expect(sent?.headers).not.toHaveProperty("In-Reply-To");
    expect(sent?.headers).not.toHaveProperty("References");
  });

  it("answers a browser's post with a confirmation page, and a double submit with the same reference", async () => {
    // Prepare
    const post = complaint("double");

    // Act
    const first = await postForm(post);
    const second = await postForm(post);

    // Assess
    const [firstPage, secondPage] = [await first.text(), await second.text()];
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const reference = /<strong data-reference>(CS-[0-9A-Y]{8})<\/strong>/.exec(firstPage)?.[1] ?? "";
    expect(secondPage).toContain(`<strong data-reference>${reference}</strong>`);
    expect(firstPage).toMatch(/<dd>You [a-z ]+ a delivery<\/dd>/);
    await acknowledgedCase(reference);
    expect(await casesFor(post.email)).toHaveLength(1);
    expect(
      (await sandbox().readCustomerMail()).filter((mail) => mail.subject.includes(reference)),
    ).toHaveLength(1);
  });

  it("accepts a messy but genuine complaint and records it normalised, its text verbatim", async () => {
    // Prepare
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template string is the input under test
    const message = "  The courier said {{7*7}} and ${7*7}; <b>nobody</b> came.\r\n";
    const post = complaint("messy", {
      name: "  Jo    Bloggs ",
      phone: "0161  496 0000 ",
      address: "12 High Street\r\nSpringfield",
      postcode: " sw1a1aa ",
      contactPreference: "post",
      message,
    });

    // Act
    const response = await postForm(post);

    // Assess
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("&lt;b&gt;nobody&lt;/b&gt;");
    const reference = /data-reference>(CS-[0-9A-Y]{8})</.exec(page)?.[1] ?? "";
    const { case: record, timeline } = await acknowledgedCase(reference);
    expect(record.customer).toMatchObject({
      name: "Jo Bloggs",
      phone: "+441614960000",
      address: "12 High Street, Springfield",
      postcode: "SW1A 1AA",
    });
    expect(timeline.find((event) => event.type === "message-received")?.text).toBe(message.trim());
  });

  it("answers a bot that fills the honeypot as usual, records a suppression and makes no case", async () => {
    // Prepare
    const post = complaint("honeypot", { website: "https://cheap-pills.example" });

    // Act
    const response = await postJson(post);

    // Assess
    expect(response.status).toBe(201);
    const { reference } = (await response.json()) as { reference: string };
    expect(reference).toMatch(/^CS-[0-9A-Y]{8}$/);
    expect(await stores().cases.getCase(reference)).toBeUndefined();
    const entry = await ledgerEntry(`form:${post.submissionId}`);
    expect(entry?.result).toMatchObject({ outcome: "suppressed", reason: "honeypot" });
    expect(entry?.submission).toBeUndefined();
    expect(await casesFor(post.email)).toEqual([]);
  });

  it("treats a post sent sooner after the page was rendered than a person could as automated", async () => {
    // Prepare: the hidden fields of a page served just now
    const page = await (await fetch(new URL("/", origin()))).text();
    const hidden = Object.fromEntries(
      [...page.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((match) => [
        match[1],
        match[2],
      ]),
    );
    const post = complaint("too-fast", hidden);

    // Act
    const response = await postJson(post);

    // Assess
    expect(response.status).toBe(201);
    const entry = await ledgerEntry(`form:${hidden.submissionId}`);
    expect(entry?.result).toMatchObject({ outcome: "suppressed", reason: "too-fast" });
    expect(await casesFor(post.email)).toEqual([]);
  });

  it("shows the page again with the answers kept and each error tied to its field", async () => {
    // Prepare
    const post = complaint("retyped", { email: "jo.bloggs@", message: "Still <waiting>" });

    // Act
    const response = await postForm(post);

    // Assess
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('<a href="#field-email">Enter an email address like name@example.com</a>');
    expect(page).toMatch(
      /id="field-email"[^>]*value="jo\.bloggs@"[^>]*aria-describedby="field-email-hint field-email-error"/,
    );
    expect(page).toContain(">Still &lt;waiting&gt;</textarea>");
    expect(page).toContain(`name="submissionId" value="${post.submissionId}"`);
  });

  const badInputs: Array<{
    what: string;
    status: number;
    code: string;
    field?: string;
    send: (post: Record<string, unknown>) => Promise<Response>;
  }> = [
    {
      what: "a missing email",
      status: 422,
      code: "missing-email",
      field: "email",
      send: (p) => postJson({ ...p, email: "" }),
    },
    {
      what: "an invalid email",
      status: 422,
      code: "invalid-email",
      field: "email",
      send: (p) => postJson({ ...p, email: "jo@@example" }),
    },
    {
      what: "a 100 KB message",
      status: 413,
      code: "body-too-large",
      field: "message",
      send: (p) => postJson({ ...p, message: "x".repeat(100 * 1024) }),
    },
    {
      what: "a script in the name",
      status: 422,
      code: "forbidden-character-in-name",
      field: "name",
      send: (p) => postJson({ ...p, name: "<script>alert(1)</script>" }),
    },
    {
      what: "a NUL in the name",
      status: 422,
      code: "forbidden-character-in-name",
      field: "name",
      send: (p) => postJson({ ...p, name: "Jo\u0000Bloggs" }),
    },
    {
      what: "a lone surrogate in the message",
      status: 422,
      code: "forbidden-character-in-message",
      field: "message",
      send: (p) => postJson({ ...p, message: "late \ud800 again" }),
    },
    {
      what: "an unknown extra field",
      status: 422,
      code: "unknown-field",
      field: "referrer",
      send: (p) => postJson({ ...p, referrer: "x" }),
    },
    {
      what: "a client-supplied priority and status",
      status: 422,
      code: "unknown-field",
      field: "priority",
      send: (p) => postJson({ ...p, priority: "urgent", status: "resolved" }),
    },
    {
      what: "a __proto__ key",
      status: 422,
      code: "unknown-field",
      field: "__proto__",
      send: (p) =>
        fetch(new URL("/api/forms", origin()), {
          method: "POST",
          headers: { origin: origin(), "content-type": "application/json" },
          body: `${JSON.stringify(p).slice(0, -1)},"__proto__":{"status":"resolved"}}`,
        }),
    },
    {
      what: "the wrong content type",
      status: 415,
      code: "unsupported-media-type",
      send: (p) => postJson(p, { "content-type": "text/plain" }),
    },
    {
      what: "a foreign Origin",
      status: 403,
      code: "foreign-origin",
      send: (p) => postJson(p, { origin: "https://attacker.example" }),
    },
    {
      what: "no Origin",
      status: 403,
      code: "missing-origin",
      send: (p) =>
        fetch(new URL("/api/forms", origin()), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(p),
        }),
    },
    {
      what: "a forged form token",
      status: 400,
      code: "invalid-form-token",
      send: (p) => postJson({ ...p, formToken: `${Date.now() - 60_000}.${"A".repeat(43)}` }),
    },
  ];

  it.each(badInputs)(
    "refuses $what with a reason, creates nothing and leaves a ledger entry",
    async (bad) => {
      // Prepare
      const post = complaint("bad");

      // Act
      const response = await bad.send(post);

      // Assess
      expect(response.status).toBe(bad.status);
      const body = (await response.json()) as { error: { code: string; message: string; fields?: object } };
      expect(body.error.code).toBe(bad.code);
      if (bad.field) expect(Object.keys(body.error.fields ?? {})).toContain(bad.field);
      const requestId = response.headers.get("apigw-requestid") ?? "";
      const entry = await ledgerEntry(`form-rejected:${requestId}`);
      expect(entry?.result).toMatchObject({ outcome: "rejected", reason: bad.code });
      // Kept no longer than input that never became a case (retention's uncasedInputDays), by TTL.
      expect((entry as { expiresAt?: number } | undefined)?.expiresAt).toBeGreaterThan(Date.now() / 1000);
      expect(JSON.stringify(entry)).not.toContain(String(post.email));
      expect(await ledgerEntry(`form:${post.submissionId}`)).toBeUndefined();
      expect(await casesFor(post.email)).toEqual([]);
    },
  );

  it("refuses more posts for one email address than the daily limit allows", async () => {
    // Prepare
    const email = `limit-${randomUUID().slice(0, 8)}@example.org`;
    const limit = 10;
    for (let i = 0; i < limit; i++) {
      expect((await postJson(complaint("limit", { email }))).status).toBe(201);
    }

    // Act
    const response = await postJson(complaint("limit", { email }));

    // Assess
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("rate-limited-email");
    expect(await casesFor(email)).toHaveLength(limit);
    const { Items = [] } = await sandbox().clients.documents.send(
      new ScanCommand({
        TableName: sandbox().table("case-table").name,
        FilterExpression: "begins_with(pk, :rate)",
        ExpressionAttributeValues: { ":rate": "RATE#" },
      }),
    );
    expect(Items.length).toBeGreaterThan(0);
    expect(JSON.stringify(Items)).not.toMatch(/@example\.org|127\.0\.0\.1/);
  });

  describe("form intake against the case table", () => {
    function dependencies(overrides: Partial<FormIntakeDependencies> = {}): FormIntakeDependencies {
      const { clients } = sandbox();
      const env = formFunction().environment;
      const table = sandbox().table("case-table").name;
      return {
        cases: new DynamoDbCaseStore(clients.documents, table),
        ledger: new DynamoDbIntakeLedger(clients.documents, table),
        rateLimiter: new DynamoDbRateLimiter(clients.documents, table),
        themes: new DynamoDbThemeLedger(clients.documents, table),
        tombstones: new DynamoDbTombstones(clients.documents, table),
        quota: new DynamoDbAcknowledgementQuota(clients.documents, table),
        intakePolicy: defaultIntakePolicy,
        referrals: new SqsReferralQueue(clients.sqs, {
          frontline: env.REFERRAL_QUEUE_URL_FRONTLINE ?? "",
          supervisor: env.REFERRAL_QUEUE_URL_SUPERVISOR ?? "",
          management: env.REFERRAL_QUEUE_URL_MANAGEMENT ?? "",
          "head-office": env.REFERRAL_QUEUE_URL_HEAD_OFFICE ?? "",
        }),
        mailer: new SesMailer(clients.ses, undefined),
        queues: new DynamoDbWorkQueues(clients.documents, table),
        urgentSignals: defaultStaffTeams.urgentSignals,
        clock: { now: () => new Date() },
        random: randomBytes,
        newSubmissionId: randomUUID,
        form: defineForm(Object.keys(defaultPolicy.classification.categories)),
        notice: PRIVACY_NOTICE,
        policy: defaultPolicy,
        log: quiet,
        settings: {
          intakeAddress: sandbox().intakeAddress,
          signingKey: sandbox().secrets.current(env.FORM_SIGNING_KEY_SECRET ?? ""),
          allowedOrigins: [],
          minSecondsToSubmit: 3,
          postsPerIp: { name: `form-ip-${randomUUID()}`, limit: 1, windowSeconds: 3600 },
          postsPerEmail: { name: "form-email", limit: 10, windowSeconds: 86_400 },
        },
        ...overrides,
      };
    }

    function formPost(fields: Record<string, unknown>, sourceIp = "198.51.100.7"): FormPost {
      return {
        requestId: randomUUID(),
        sourceIp,
        origin: "https://forms.example",
        ownOrigin: "https://forms.example",
        form: { fields },
      };
    }

    it("records the case from the ledger's copy when a crash came between the entry and the case", async () => {
      // Prepare: the first attempt stops after the ledger entry, as a crash would
      const deps = dependencies();
      const crashing = dependencies({
        cases: new Proxy(deps.cases, {
          get: (target, property) =>
            property === "createCase"
              ? () => Promise.reject(new Error("the function stopped"))
              : Reflect.get(target, property),
        }),
      });
      const original = complaint("crash");
      await expect(receiveFormPost(formPost(original), crashing)).rejects.toThrow("the function stopped");
      const interrupted = await ledgerEntry(`form:${original.submissionId}`);
      expect(interrupted?.result).toBeUndefined();
      expect(interrupted?.submission).toMatchObject({ email: original.email });

      // Act: the same submission comes again, with different answers
      const retried = await receiveFormPost(
        formPost({ ...original, message: "A different message entirely." }),
        deps,
      );

      // Assess: the case is the reserved one, recorded from what the ledger kept
      expect(retried).toMatchObject({ status: "accepted", reference: interrupted?.proposedCaseReference });
      const { case: record } = await acknowledgedCase(interrupted?.proposedCaseReference ?? "");
      expect(record.summary).toBe(original.message);
      expect((await ledgerEntry(`form:${original.submissionId}`))?.result?.outcome).toBe("case-created");
    });

    it("holds back a post from a person whose data was erased, with one outcome and no case", async () => {
      // Prepare
      const deps = dependencies();
      const post = complaint("erased");
      await new DynamoDbTombstones(sandbox().clients.documents, sandbox().table("case-table").name).bury(
        "email",
        String(post.email),
        new Date().toISOString(),
      );

      // Act
      const result = await receiveFormPost(formPost(post), deps);

      // Assess: the page answers as for any post; the ledger holds the one outcome and no case exists
      expect(result.status).toBe("accepted");
      expect((await ledgerEntry(`form:${post.submissionId}`))?.result).toMatchObject({
        outcome: "quarantined",
        reason: "erased-person",
      });
      expect(await casesFor(post.email)).toHaveLength(0);
    });

    it("refuses a second new submission from the same network once the hourly limit is used", async () => {
      // Prepare
      const deps = dependencies();
      await receiveFormPost(formPost(complaint("ip"), "2001:db8:1:2::10"), deps);

      // Act: another address in the same IPv6 /64
      const result = await receiveFormPost(formPost(complaint("ip"), "2001:db8:1:2:aaaa::1"), deps);

      // Assess
      expect(result).toMatchObject({ status: "rejected", reason: "rate-limited-ip" });
      expect(result.status === "rejected" && result.retryAfterSeconds).toBeGreaterThan(0);
    });

    it("counts each subject up to the limit in a fixed window, then starts afresh", async () => {
      // Prepare
      const limiter = new DynamoDbRateLimiter(
        sandbox().clients.documents,
        sandbox().table("case-table").name,
      );
      const rule = { name: `probe-${randomUUID()}`, limit: 2, windowSeconds: 60 };
      const at = new Date("2026-11-23T10:00:30Z");

      // Act
      const takes = [
        await limiter.take(rule, "subject-hash", at),
        await limiter.take(rule, "subject-hash", at),
        await limiter.take(rule, "subject-hash", at),
        await limiter.take(rule, "subject-hash", new Date("2026-11-23T10:01:00Z")),
      ];

      // Assess: two in the window, the third refused, a new window starts afresh
      expect(takes).toEqual([true, true, false, true]);
    });
  });
});

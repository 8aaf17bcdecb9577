// A problem staff noticed themselves becomes a case identified by staff, referred like any other and
// acknowledged to no one; posting the same report again returns the same case.

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DynamoDbTombstones } from "../../shared/adapters/aws/dynamodb-tombstones";
import type { CaseView } from "./support/case-view";
import { withSandbox } from "./support/test-sandbox";
import { waitFor } from "./support/wait-for";

describe("staff-raised problems", () => {
  const sandbox = withSandbox();

  it("records a staff report as a case identified by staff, refers it, and sends no acknowledgement", async () => {
    // Prepare
    const report = {
      reportId: randomUUID(),
      subject: "Checkout rejects valid postcodes",
      description:
        "Several customers on the phone today could not pay: the website checkout crashed with an error message.",
    };

    // Act
    const first = await sandbox().fetchApi("/api/problems", { method: "POST", body: JSON.stringify(report) });
    const again = await sandbox().fetchApi("/api/problems", { method: "POST", body: JSON.stringify(report) });

    // Assess
    expect(first.status).toBe(201);
    const { reference } = (await first.json()) as { reference: string };
    expect(again.status).toBe(200);
    expect(((await again.json()) as { reference: string }).reference).toBe(reference);
    const view = await waitFor(async () => {
      const current = (await (await sandbox().fetchApi(`/api/cases/${reference}`)).json()) as CaseView;
      return current.case.referral.state === "sent" ? current : undefined;
    });
    expect(view.case).toMatchObject({
      channel: "staff",
      identifiedBy: "staff",
      acknowledgement: { state: "not-required", reason: "identified-by-staff" },
    });
    expect(view.case.classification.category).toBe("website-system");
    expect(
      (await sandbox().readCustomerMail()).filter((mail) => mail.subject.includes(reference)),
    ).toHaveLength(0);
  });

  it("refuses a report about a customer whose data was erased, saying why, and records no case", async () => {
    // Prepare
    const email = `erased-${randomUUID().slice(0, 8)}@example.org`;
    const { clients } = sandbox();
    await new DynamoDbTombstones(clients.documents, sandbox().table("case-table").name).bury(
      "email",
      email,
      new Date().toISOString(),
    );
    const report = {
      reportId: randomUUID(),
      subject: "Parcel left in the rain",
      description: "The customer rang to say the parcel was left outside in the rain.",
      customer: { email },
    };

    // Act
    const response = await sandbox().fetchApi("/api/problems", {
      method: "POST",
      body: JSON.stringify(report),
    });

    // Assess
    expect(response.status).toBe(409);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("erased-person");
    expect(error.message).toContain("erased");
    const search = await sandbox().fetchApi(`/api/cases?email=${encodeURIComponent(email)}`);
    expect(search.status).toBe(200);
    expect(((await search.json()) as { cases: unknown[] }).cases).toEqual([]);
  });

  it("refuses a report with unknown fields, naming the problem", async () => {
    const response = await sandbox().fetchApi("/api/problems", {
      method: "POST",
      body: JSON.stringify({
        reportId: randomUUID(),
        subject: "x",
        description: "too short",
        priority: "high",
      }),
    });
    expect(response.status).toBe(400);
  });
});

// A problem staff noticed themselves becomes a case identified by staff, referred like any other and
// acknowledged to no one; posting the same report again returns the same case.

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
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

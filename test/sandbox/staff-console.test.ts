// The staff console as the sandbox serves it: its static files on public routes under a strict
// Content-Security-Policy, its configuration, the development sign-in that stands in for Cognito, and
// attachments downloaded through short-lived links rather than through the API.
import { describe, expect, it } from "vitest";
import { eventsOf } from "./support/case-view";
import { callApi, caseFromEmail, caseStore, colleague } from "./support/staff-cases";
import { withSandbox } from "./support/test-sandbox";

describe("staff console", () => {
  const sandbox = withSandbox();
  const get = (path: string) => fetch(new URL(path, sandbox().urls.http));

  it("serves the page and its modules without a token, under a strict Content-Security-Policy", async () => {
    // Act
    const page = await get("/console");
    const script = await get("/console/views/case.js");
    const missing = await get("/console/../api/me");

    // Assess
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/console/app.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).not.toContain("innerHTML");
    expect(missing.status).not.toBe(200);
  });

  it("signs in locally as a seeded development user, whose token the API accepts", async () => {
    // Act
    const config = (await (await get("/console/config.json")).json()) as {
      signIn: { kind: string; url: string };
    };
    const users = (await (
      await fetch(new URL(config.signIn.url, sandbox().urls.http), { method: "POST", body: "{}" })
    ).json()) as { users: { username: string; groups: string[] }[] };
    const session = (await (
      await fetch(new URL(config.signIn.url, sandbox().urls.http), {
        method: "POST",
        body: JSON.stringify({ username: "dev-supervisor" }),
      })
    ).json()) as { token: string };
    const me = await callApi(sandbox(), session.token, "/api/me");

    // Assess
    expect(config.signIn).toEqual({ kind: "development", url: "/console/dev-sign-in" });
    expect(users.users.map((user) => user.username)).toEqual([
      "dev-frontline",
      "dev-supervisor",
      "dev-management",
      "dev-head-office",
      "dev-admin",
      "dev-nogroup",
    ]);
    expect(me.body).toMatchObject({
      id: "dev-supervisor@example.com",
      level: "supervisor",
      authority: { refundUpTo: 250, goodwillUpTo: 100, currency: "GBP" },
    });
  });

  it("downloads an attachment through a short-lived link, under its display name", async () => {
    // Prepare: an email with a small text attachment
    const boundary = "attachment-boundary";
    const raw = [
      `From: Priya Shah <priya.${Date.now()}@example.net>`,
      "To: complaints@example.com",
      "Subject: Receipt for the broken kettle",
      `Message-ID: <attachment-${Date.now()}@example.net>`,
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "The kettle I bought (order 774411) stopped working. The receipt is attached.",
      `--${boundary}`,
      'Content-Type: text/plain; name="receipt.txt"',
      'Content-Disposition: attachment; filename="receipt.txt"',
      "",
      "Kettle KX200, paid 39.99",
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const record = await caseFromEmail(sandbox(), raw);
    const [received] = eventsOf(await caseStore(sandbox()).timeline(record.reference), "message-received");
    const attachment = received?.attachments[0];
    const id = attachment?.storageKey.split("/").pop() ?? "";
    const jo = colleague(sandbox(), "frontline");

    // Act
    const link = await callApi<{ url: string; filename: string; expiresInSeconds: number }>(
      sandbox(),
      jo.token,
      `/api/cases/${record.reference}/attachments/${id}`,
    );
    const download = await fetch(link.body.url);
    const unknown = await callApi(
      sandbox(),
      jo.token,
      `/api/cases/${record.reference}/attachments/not-there`,
    );

    // Assess
    expect(link.body).toMatchObject({ filename: "receipt.txt", expiresInSeconds: 300 });
    expect(link.body.url).toContain("X-Amz-Signature=");
    expect(download.status).toBe(200);
    expect(await download.text()).toContain("Kettle KX200, paid 39.99");
    expect(download.headers.get("content-disposition")).toContain('filename="receipt.txt"');
    expect(unknown.status).toBe(404);
    const audit = await callApi<{ accesses: { by: string; what: string; detail?: string }[] }>(
      sandbox(),
      colleague(sandbox(), "head-office").token,
      `/api/cases/${record.reference}/access`,
    );
    expect(audit.body.accesses).toEqual([
      expect.objectContaining({ by: jo.id, role: "frontline", what: "attachment-downloaded", detail: id }),
    ]);
  });
});

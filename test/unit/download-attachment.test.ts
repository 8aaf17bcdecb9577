// A short-lived link to one of the case's attachments, under the name it was stored with; each
// download is audited, and an id that is not one of this case's attachments gets no link.
import { beforeEach, describe, expect, it } from "vitest";
import { downloadAttachment } from "../../shared/application/staff-work";
import type { AttachmentLinks } from "../../shared/ports";
import { freshEachTest } from "./support/fresh-each-test";
import { customerReply, REFERENCE } from "./support/letters";
import { colleague, staffWorkOnSampleCase } from "./support/staff-work";

/** Links that name what they were asked for, so the test can see the key, the name and the lifetime. */
const links: AttachmentLinks = {
  downloadUrl: async (storageKey, filename, seconds) =>
    `https://files.example/${storageKey}?name=${encodeURIComponent(filename)}&for=${seconds}`,
};

const work = freshEachTest(staffWorkOnSampleCase);

beforeEach(async () => {
  await work.cases.appendEvent({
    ...customerReply("2026-11-23T12:00:00.000Z", "photo@example.org"),
    attachments: [
      {
        displayName: "kettle photo.jpg",
        declaredType: "image/jpeg",
        detectedType: "image/jpeg",
        size: 2048,
        storageKey: `attachments/${REFERENCE}/a1`,
      },
    ],
  });
});

describe("downloadAttachment", () => {
  it("gives a five-minute link under the stored name and audits the download", async () => {
    const sam = colleague("supervisor", "sam");

    const result = await downloadAttachment(REFERENCE, "a1", sam, { ...work.reads, attachmentLinks: links });

    expect(result).toEqual({
      ok: true,
      value: {
        url: `https://files.example/attachments/${REFERENCE}/a1?name=kettle%20photo.jpg&for=300`,
        expiresInSeconds: 300,
        filename: "kettle photo.jpg",
      },
    });
    expect(work.access.accesses).toEqual([
      expect.objectContaining({ by: sam.id, what: "attachment-downloaded", detail: "a1" }),
    ]);
  });

  it("gives no link for an id the case has no attachment under", async () => {
    const result = await downloadAttachment(REFERENCE, "../other/a1", colleague("supervisor"), {
      ...work.reads,
      attachmentLinks: links,
    });

    expect(result).toMatchObject({ ok: false, failure: { code: "attachment-not-found" } });
    expect(work.access.accesses).toEqual([]);
  });
});

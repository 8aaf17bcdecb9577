// A short-lived link to one of the case's attachments, under its sanitised name. Each download is audited.

import type { StaffMember } from "../../domain/permissions";
import type { AttachmentLinks } from "../../ports";
import { actOnCase, fail, succeed } from "./act-on-case";
import { recordAccess } from "./audit";
import type { ReadDependencies } from "./dependencies";

export interface AttachmentLink {
  url: string;
  expiresInSeconds: number;
  filename: string;
}

const LINK_SECONDS = 300;

export function downloadAttachment(
  reference: string,
  attachmentId: string,
  member: StaffMember,
  deps: ReadDependencies & { attachmentLinks: AttachmentLinks },
) {
  return actOnCase<AttachmentLink>("read-case", reference, member, deps, async ({ record }) => {
    const timeline = await deps.cases.timeline(record.reference);
    const attachment = timeline
      .flatMap((item) => (item.type === "message-received" ? item.attachments : []))
      .find((candidate) => candidate.storageKey === `attachments/${record.reference}/${attachmentId}`);
    if (!attachment) return fail("attachment-not-found", "The case has no attachment with that id.");
    const url = await deps.attachmentLinks.downloadUrl(
      attachment.storageKey,
      attachment.displayName,
      LINK_SECONDS,
    );
    await recordAccess(member, [record.reference], "attachment-downloaded", deps, attachmentId);
    return succeed({ url, expiresInSeconds: LINK_SECONDS, filename: attachment.displayName });
  });
}

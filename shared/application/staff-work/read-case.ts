// Reading one case through the same gate as acting on it: the case with its timeline and what the
// colleague may do to it now (the console shows only that), its commitments, a short-lived link to
// an attachment, and, for head office, who has looked at it. Openings and downloads are audited.

import type { CaseRecord, TimelineEvent } from "../../domain/case";
import type { CaseAccess } from "../../domain/case-access";
import type { Commitment } from "../../domain/commitments";
import { type Capability, capabilitiesOnCase, type StaffMember } from "../../domain/permissions";
import type { AttachmentLinks, CaseCommunicationStore } from "../../ports";
import { actOnCase, fail, succeed } from "./act-on-case";
import { recordAccess } from "./audit";
import type { ReadDependencies } from "./dependencies";

export interface CaseView {
  case: CaseRecord;
  timeline: TimelineEvent[];
  /** The case capabilities the colleague may use on this case now. */
  youMay: Capability[];
}

export function viewCase(reference: string, member: StaffMember, deps: ReadDependencies) {
  return actOnCase<CaseView>("read-case", reference, member, deps, async ({ record }) => {
    const timeline = await deps.cases.timeline(record.reference);
    await recordAccess(member, [record.reference], "opened", deps);
    return succeed({ case: record, timeline, youMay: capabilitiesOnCase(member, record) });
  });
}

export function listCommitments(
  reference: string,
  member: StaffMember,
  deps: ReadDependencies & { commitments: Pick<CaseCommunicationStore, "listCommitments"> },
) {
  return actOnCase<Commitment[]>("read-case", reference, member, deps, async ({ record }) =>
    succeed(await deps.commitments.listCommitments(record.reference)),
  );
}

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

export function listAccess(reference: string, member: StaffMember, deps: ReadDependencies) {
  return actOnCase<{ caseReference: string; accesses: CaseAccess[] }>(
    "read-access-log",
    reference,
    member,
    deps,
    async ({ record }) =>
      succeed({ caseReference: record.reference, accesses: await deps.access.list(record.reference) }),
  );
}

// What staff work needs, by kind of work: changes to the case itself, letters to the customer, and
// reads of personal data (which are audited). The staff API builds all three from the same adapters.

import type { Policy } from "../../domain/policy/organisation-policy";
import type {
  AccessLog,
  CaseReports,
  CaseStore,
  FeedbackTokens,
  ReferralQueue,
  StaffCaseChanges,
} from "../../ports";
import type { openComplaint } from "../complaint-clocks";
import type { ComplaintReturnDependencies } from "../complaints-return";
import type { CustomerMailDependencies, FollowUpDependencies } from "../customer-mail";
import type { ActOnCaseDependencies } from "./act-on-case";

export interface CaseChangeDependencies extends ActOnCaseDependencies {
  cases: Pick<CaseStore, "getCase" | "appendEvent" | "addLookups" | "markReferred">;
  changes: StaffCaseChanges;
  referrals: Pick<ReferralQueue, "send">;
  reports: Pick<CaseReports, "putCase">;
  newId: () => string;
  policy: Policy;
  /** Starts the clocks of a case corrected to a complaint and counts it in the complaints return. */
  opensComplaints?: Omit<Parameters<typeof openComplaint>[1], "clock">;
}

/** Closing a complaint counts it in the complaints return. */
export interface LetterDependencies extends CustomerMailDependencies, ComplaintReturnDependencies {
  followUps: FollowUpDependencies;
  feedbackTokens: FeedbackTokens;
  newId: () => string;
}

export interface ReadDependencies extends ActOnCaseDependencies {
  cases: CaseStore;
  access: AccessLog;
  newId: () => string;
}

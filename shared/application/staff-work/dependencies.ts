// What staff work needs, by kind of work: changes to the case itself, letters to the customer, and
// reads of personal data (which are audited). The staff API builds all three from the same adapters.

import type { Policy } from "../../config/policy";
import type {
  AccessLog,
  CaseReports,
  CaseStore,
  FeedbackTokens,
  ReferralQueue,
  StaffCaseChanges,
} from "../../ports";
import type { CustomerMailDependencies, FollowUpDependencies } from "../customer-mail";
import type { ActOnCaseDependencies } from "./act-on-case";

export interface CaseChangeDependencies extends ActOnCaseDependencies {
  cases: Pick<CaseStore, "getCase" | "appendEvent" | "addLookup" | "markReferred">;
  changes: StaffCaseChanges;
  referrals: Pick<ReferralQueue, "send">;
  reports: Pick<CaseReports, "putCase">;
  newId: () => string;
  policy: Policy;
}

export interface LetterDependencies extends CustomerMailDependencies {
  followUps: FollowUpDependencies;
  feedbackTokens: FeedbackTokens;
  newId: () => string;
}

export interface ReadDependencies extends ActOnCaseDependencies {
  cases: CaseStore;
  access: AccessLog;
  newId: () => string;
}

// Everything staff do, in one module: each action is one file that goes through `actOnCase`, and each
// is allowed by one row of the permissions table in shared/domain/permissions.ts.

export * from "./act-on-case";
export * from "./add-note";
export * from "./agree-offer";
export * from "./audit";
export * from "./close-unresolved";
export * from "./correct-classification";
export * from "./correct-detail";
export * from "./dependencies";
export * from "./download-attachment";
export * from "./find-cases";
export type { RecordedOutcome } from "./letters";
export * from "./level-queue";
export * from "./list-access";
export * from "./list-commitments";
export * from "./mark-commitment-kept";
export * from "./propose-options";
export * from "./re-refer";
export * from "./record-commitment";
export * from "./record-option-choice";
export * from "./release-quarantined";
export * from "./resolve-case";
export * from "./send-update";
export * from "./take-case";
export * from "./view-case";
export * from "./who-am-i";

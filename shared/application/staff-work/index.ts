// Everything staff do, in one module: each action is one file that goes through `actOnCase`, and each
// is allowed by one row of the permissions table in shared/domain/permissions.ts.

export * from "./act-on-case";
export * from "./add-note";
export * from "./agree-offer";
export * from "./audit";
export * from "./commitments";
export * from "./correct-classification";
export * from "./correct-detail";
export * from "./dependencies";
export * from "./find-cases";
export type { RecordedOutcome } from "./letters";
export * from "./level-queue";
export * from "./options";
export * from "./outcomes";
export * from "./re-refer";
export * from "./read-case";
export * from "./release-quarantined";
export * from "./send-update";
export * from "./take-case";
export * from "./who-am-i";

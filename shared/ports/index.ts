// The interfaces the application needs from the outside world, one file per concern. Adapters implement
// them on AWS (DynamoDB, S3, SQS, SES) and tests in memory; the domain never imports an SDK. Import
// from "shared/ports": this index gathers every concern.

export * from "./case-page";
export * from "./cases";
export * from "./data-lifecycle";
export * from "./follow-ups";
export * from "./intake";
export * from "./letters";
export * from "./referrals";
export * from "./reports";
export * from "./runtime";

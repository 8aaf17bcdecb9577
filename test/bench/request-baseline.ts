// What one new-case intake cost in AWS requests and DynamoDB units before intake was reworked to write
// less (one counter per theme, no read-back of the new case, the referral marked with the
// acknowledgement's claim, no history look-up for a new customer), kept so the bench can print "before"
// beside "now". Measured with `npm run bench` on commit 1878a67, the same 16-at-once counted run.

export const REQUESTS_BEFORE = {
  commit: "1878a67",
  /** Every request the emulators served, per intake: DynamoDB, S3, SQS (pollers included) and SES. */
  totalRequests: 42.7,
  dynamoDbRequests: 37,
  dynamoDbWriteUnits: 43.4,
  dynamoDbReadUnits: 8.17,
  dollarsPer1000: 0.3431,
  dollarsPer1000OutsideSes: 0.0401,
} as const;

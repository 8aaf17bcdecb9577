// The AWS list prices the cost model uses, in US dollars, kept in one place so a price change is one
// edit. Region: US East (N. Virginia), one of the regions where SES receives mail. Free tiers and
// volume discounts are left out. Recorded 2026-11-23 from the pricing pages in `sources`; re-check them
// before quoting a figure.

export const PRICES = {
  region: "us-east-1",
  recorded: "2026-11-23",
  sources: [
    "https://aws.amazon.com/ses/pricing/",
    "https://aws.amazon.com/s3/pricing/",
    "https://aws.amazon.com/sqs/pricing/",
    "https://aws.amazon.com/dynamodb/pricing/on-demand/",
    "https://aws.amazon.com/lambda/pricing/",
    "https://aws.amazon.com/cloudwatch/pricing/",
  ],
  ses: {
    /** Each recipient of each message sent counts as one email. */
    perEmailSent: 0.1 / 1000,
    perEmailReceived: 0.1 / 1000,
    /** Received mail is also billed per started 256 KB chunk. */
    perIncomingChunk: 0.09 / 1000,
    incomingChunkBytes: 256 * 1024,
  },
  s3: {
    /** PUT, COPY, POST and LIST requests (S3 Standard). */
    perWriteRequest: 0.005 / 1000,
    /** GET, HEAD and all other requests. */
    perReadRequest: 0.0004 / 1000,
  },
  sqs: {
    /** Standard queues; every started 64 KB of a request's payload counts as one request. */
    perRequest: 0.4 / 1_000_000,
    chunkBytes: 64 * 1024,
  },
  dynamodb: {
    /** On-demand, Standard table class: one write unit per started 1 KB of the item written. */
    perWriteUnit: 0.625 / 1_000_000,
    writeUnitBytes: 1024,
    /** One read unit per started 4 KB read strongly consistently; half that eventually consistently. */
    perReadUnit: 0.125 / 1_000_000,
    readUnitBytes: 4096,
  },
  lambda: {
    /** Arm64, as Heed deploys; durations are billed rounded up to the millisecond. */
    perGbSecond: 0.0000133334,
    perRequest: 0.2 / 1_000_000,
  },
  cloudWatchLogs: {
    perGbIngested: 0.5,
  },
} as const;

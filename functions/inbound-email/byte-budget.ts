// How much raw mail one intake environment works on at once. Records of a batch run together while their
// sizes (from the S3 event) fit the budget; a message as large as SES's maximum runs alone. Memory stays
// bounded however a batch is made up, and ordinary mail still shares the wait on S3 and DynamoDB.

/** SES stores messages of up to 40 MB: one such message fills the budget by itself. */
export const RAW_MAIL_BYTES_IN_FLIGHT = 40 * 1024 * 1024;

export class ByteBudget {
  private inUse = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Runs `work` once `bytes` (at most the whole budget, at least one byte) fit beside what is running. */
  async run<T>(bytes: number, work: () => Promise<T>): Promise<T> {
    const cost = Math.min(Math.max(bytes, 1), this.limit);
    while (this.inUse + cost > this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.inUse += cost;
    try {
      return await work();
    } finally {
      this.inUse -= cost;
      for (const wake of this.waiting.splice(0)) wake();
    }
  }
}

// Every Heed queue comes with its own dead-letter queue: a message that keeps failing is parked,
// never dropped. Both are encrypted with the customer data key and refuse requests without TLS. The
// `heed:role` metadata names each queue's job so the local sandbox can find it in the synthesized
// template without guessing from logical IDs.
import { Duration } from "aws-cdk-lib";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { type CfnQueue, Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

/** Enough attempts to ride out throttling and brief outages before a message is parked. */
export const MAX_RECEIVE_COUNT = 5;

export interface DeadLetteredQueueProps {
  /** `heed:role` of the queue; its dead-letter queue gets `<role>-dlq`. */
  readonly role: string;
  readonly visibilityTimeout: Duration;
  readonly encryptionKey: IKey;
  /** Further CloudFormation metadata for both queues. */
  readonly metadata?: Record<string, string>;
}

export class DeadLetteredQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: DeadLetteredQueueProps) {
    super(scope, id);

    const encryption = { encryption: QueueEncryption.KMS, encryptionMasterKey: props.encryptionKey };
    this.deadLetterQueue = new Queue(this, "DeadLetterQueue", {
      retentionPeriod: Duration.days(14),
      ...encryption,
      enforceSSL: true,
    });
    this.queue = new Queue(this, "Queue", {
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: Duration.days(14),
      ...encryption,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    const metadata = props.metadata ?? {};
    tag(this.queue, { "heed:role": props.role, ...metadata });
    tag(this.deadLetterQueue, { "heed:role": `${props.role}-dlq`, ...metadata });
  }
}

function tag(queue: Queue, metadata: Record<string, string>): void {
  const cfnQueue = queue.node.defaultChild as CfnQueue;
  for (const [key, value] of Object.entries(metadata)) {
    cfnQueue.addMetadata(key, value);
  }
}

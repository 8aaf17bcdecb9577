// Raw mail arrivals on DynamoDB: one small item per message SES stored, in the recent-work index under
// the hour it arrived, so the reconciler finds mail whose S3 event never reached intake without listing
// the bucket. It expires well after any reconcile window has passed over it.

import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { mailIntakeId } from "../../domain/intake";
import type { RawMailArrival, RawMailArrivals } from "../../ports";
import { workHour } from "./recent-work-index";
import { keys } from "./table-keys";

/** Longer than the reconciler ever reaches back after an outage (see shared/application/reconcile.ts). */
const ARRIVAL_KEPT_DAYS = 14;

export class DynamoDbRawMailArrivals implements RawMailArrivals {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(arrival: RawMailArrival): Promise<void> {
    const intakeId = mailIntakeId(arrival.key);
    // The same arrival written again writes the same item: SES retrying its action changes nothing.
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.arrival(intakeId),
          itemType: "arrival",
          intakeId,
          bucket: arrival.bucket,
          key: arrival.key,
          receivedAt: arrival.receivedAt,
          ...workHour(arrival.receivedAt),
          expiresAt: Math.floor(Date.parse(arrival.receivedAt) / 1000) + ARRIVAL_KEPT_DAYS * 86_400,
        },
      }),
    );
  }
}

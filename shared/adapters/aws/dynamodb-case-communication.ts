// What staff and the timers record about keeping a customer informed, in the case table: the last
// contact and the outcome on the case item (conditional updates, so a stale writer changes nothing),
// commitments and once-only claims beside it, and a per-month list of feedback for reporting.

import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, paginateQuery } from "@aws-sdk/lib-dynamodb";
import type { Commitment } from "../../domain/commitments";
import type { CaseFeedback, CaseOutcome, FeedbackReportEntry } from "../../domain/outcomes";
import type { CaseCommunicationStore } from "../../ports";
import { queryCaseItems } from "./case-partition";
import { conditionalUpdate, putIfAbsent } from "./dynamodb-conditional-writes";
import { keys } from "./table-keys";

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, itemType: _type, ...rest } = item;
  return rest;
}

export class DynamoDbCaseCommunication implements CaseCommunicationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async noteContact(reference: string, at: string): Promise<void> {
    await conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.case(reference),
      UpdateExpression: "SET lastContactAt = :at, updatedAt = :at",
      ConditionExpression:
        "attribute_exists(pk) AND (attribute_not_exists(lastContactAt) OR lastContactAt < :at)",
      ExpressionAttributeValues: { ":at": at },
    });
  }

  recordOutcome(reference: string, outcome: CaseOutcome): Promise<boolean> {
    return conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.case(reference),
      UpdateExpression: "SET #status = :status, outcome = :outcome, closedAt = :at, updatedAt = :at",
      ConditionExpression: "#status = :open",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":status": outcome.type === "resolved" ? "resolved" : "closed-unresolved",
        ":outcome": outcome,
        ":at": outcome.at,
        ":open": "open",
      },
    });
  }

  recordFeedback(reference: string, feedback: CaseFeedback): Promise<boolean> {
    return conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.case(reference),
      UpdateExpression: "SET feedback = :feedback, updatedAt = :at",
      ConditionExpression:
        "outcome.outcomeId = :outcomeId AND (attribute_not_exists(feedback) OR feedback.outcomeId <> :outcomeId)",
      ExpressionAttributeValues: {
        ":feedback": feedback,
        ":outcomeId": feedback.outcomeId,
        ":at": feedback.at,
      },
    });
  }

  async addToFeedbackReport(entry: FeedbackReportEntry): Promise<void> {
    await putIfAbsent(this.client, this.tableName, {
      ...keys.feedback(entry.at, entry.caseReference),
      itemType: "feedback",
      ...entry,
    });
  }

  async feedbackReport(month: string): Promise<FeedbackReportEntry[]> {
    const entries: FeedbackReportEntry[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.feedbackMonth(month) },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) entries.push(withoutKeys(item) as unknown as FeedbackReportEntry);
    }
    return entries;
  }

  async saveCommitment(commitment: Commitment): Promise<void> {
    await putIfAbsent(this.client, this.tableName, {
      ...keys.commitment(commitment.caseReference, commitment.commitmentId),
      itemType: "commitment",
      ...commitment,
    });
  }

  async getCommitment(reference: string, commitmentId: string): Promise<Commitment | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.commitment(reference, commitmentId),
        ConsistentRead: true,
      }),
    );
    return Item ? (withoutKeys(Item) as unknown as Commitment) : undefined;
  }

  async listCommitments(reference: string): Promise<Commitment[]> {
    const items = await queryCaseItems(this.client, this.tableName, reference, keys.commitmentPrefix);
    const commitments = items.map((item) => withoutKeys(item) as unknown as Commitment);
    return commitments.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  settleCommitment(
    reference: string,
    commitmentId: string,
    settlement: { state: "kept" | "missed"; at: string; keptBy?: string; note?: string },
  ): Promise<boolean> {
    const extra = [
      ...(settlement.keptBy ? ["keptBy = :keptBy"] : []),
      ...(settlement.note ? ["note = :note"] : []),
    ];
    return conditionalUpdate(this.client, {
      TableName: this.tableName,
      Key: keys.commitment(reference, commitmentId),
      UpdateExpression: ["SET #state = :state, settledAt = :at", ...extra].join(", "),
      ConditionExpression: "#state = :open",
      ExpressionAttributeNames: { "#state": "state" },
      ExpressionAttributeValues: {
        ":state": settlement.state,
        ":at": settlement.at,
        ":open": "open",
        ...(settlement.keptBy ? { ":keptBy": settlement.keptBy } : {}),
        ...(settlement.note ? { ":note": settlement.note } : {}),
      },
    });
  }

  claimOnce(reference: string, key: string, at: string): Promise<boolean> {
    return putIfAbsent(this.client, this.tableName, {
      ...keys.claim(reference, key),
      itemType: "claim",
      claimedAt: at,
    });
  }

  async releaseClaim(reference: string, key: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.claim(reference, key) }));
  }
}

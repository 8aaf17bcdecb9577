// The notifier's read of a batch of referred cases on DynamoDB: each case item, its state item (what
// completing the case changed) and the timeline event asked about beside them, if any, all in strongly
// consistent BatchGetItem requests of a hundred keys, instead of a read of the case and a query of its
// timeline for every referral.

import { type DynamoDBDocumentClient, paginatedBatchGet } from "@aws-sdk/lib-dynamodb";
import type { CaseRecord } from "../../domain/case";
import type { CasesWithEvents, CaseWithEvent } from "../../ports";
import { type CaseState, withState } from "./case-state";
import { keys } from "./table-keys";

/** BatchGetItem's limit on keys per request. */
const BATCH_GET_KEYS = 100;

type ItemKey = { pk: string; sk: string };

const keyId = ({ pk, sk }: ItemKey) => `${pk}\n${sk}`;

export class DynamoDbCasesWithEvents implements CasesWithEvents {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(
    wanted: readonly { caseReference: string; eventId?: string }[],
  ): Promise<(CaseWithEvent | undefined)[]> {
    const pairs = wanted.map(({ caseReference, eventId }) => ({
      caseKey: keys.case(caseReference),
      stateKey: keys.caseState(caseReference),
      eventKey: eventId === undefined ? undefined : keys.event(caseReference, eventId),
    }));
    // A batch may not name a key twice: one case can be referred twice in a batch.
    const itemKeys = [
      ...new Map(
        pairs
          .flatMap(({ caseKey, stateKey, eventKey }) =>
            eventKey ? [caseKey, stateKey, eventKey] : [caseKey, stateKey],
          )
          .map((k) => [keyId(k), k]),
      ).values(),
    ];
    const found = new Map<string, Record<string, unknown>>();
    for (let start = 0; start < itemKeys.length; start += BATCH_GET_KEYS) {
      const pages = paginatedBatchGet(
        { client: this.client },
        {
          RequestItems: {
            [this.tableName]: { Keys: itemKeys.slice(start, start + BATCH_GET_KEYS), ConsistentRead: true },
          },
        },
      );
      for await (const page of pages) {
        for (const item of page.Responses?.[this.tableName] ?? [])
          found.set(keyId({ pk: String(item.pk), sk: String(item.sk) }), item);
      }
    }
    return pairs.map(({ caseKey, stateKey, eventKey }) => {
      const item = found.get(keyId(caseKey));
      if (!item) return undefined;
      const { pk: _pk, sk: _sk, itemType: _type, workHour: _hour, ...record } = item;
      const state = found.get(keyId(stateKey)) as CaseState | undefined;
      return {
        record: withState(record as unknown as CaseRecord, state),
        hasEvent: eventKey !== undefined && found.has(keyId(eventKey)),
      };
    });
  }
}

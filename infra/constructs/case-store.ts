// The single DynamoDB table behind Heed: cases, timeline events, the intake ledger, customers and
// lookup items (`pk = LOOKUP#<kind>#<value>`) share it, so idempotency rests on conditional writes
// to one item and needs no transactions; its one index lists recent work by hour for the reconciler.
// Encrypted with the customer data key, recoverable to any second of the last 35 days, and protected
// from deletion in production.
import {
  AttributeType,
  BillingMode,
  type CfnTable,
  ProjectionType,
  Table,
  TableEncryption,
} from "aws-cdk-lib/aws-dynamodb";
import type { IKey } from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";
import {
  RECENT_WORK_INDEX,
  WORK_HOUR_ATTRIBUTE,
  WORK_SORT_ATTRIBUTE,
} from "../../shared/adapters/aws/recent-work-index";
import type { StageSettings } from "./stage-settings";

export interface CaseStoreProps {
  readonly settings: StageSettings;
  readonly encryptionKey: IKey;
}

export class CaseStore extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: CaseStoreProps) {
    super(scope, id);

    this.table = new Table(this, "Table", {
      partitionKey: { name: "pk", type: AttributeType.STRING },
      sortKey: { name: "sk", type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: "expiresAt",
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      removalPolicy: props.settings.dataRemovalPolicy,
      deletionProtection: props.settings.deletionProtection,
    });
    // The reconciler's window of recent work: keys only, so a later change to an item writes nothing here.
    this.table.addGlobalSecondaryIndex({
      indexName: RECENT_WORK_INDEX,
      partitionKey: { name: WORK_HOUR_ATTRIBUTE, type: AttributeType.STRING },
      sortKey: { name: WORK_SORT_ATTRIBUTE, type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    (this.table.node.defaultChild as CfnTable).addMetadata("heed:role", "case-table");
  }
}

// Report items on DynamoDB, one partition per week (`REPORT#<monday>`): a row per case, per referral
// and per repeated-theme alert, each put whole when something happens, so writing one again is
// harmless and a report of twelve weeks is twelve queries.

import { type DynamoDBDocumentClient, PutCommand, paginateQuery } from "@aws-sdk/lib-dynamodb";
import type {
  CaseReportRow,
  CaseReports,
  ReferralReportRow,
  ReportWeek,
  ThemeAlertReportRow,
} from "../../ports";
import { keys } from "./table-keys";

/** A case's report row as an item of its week's partition. */
export function caseReportItem(row: CaseReportRow) {
  return { ...keys.reportCase(row.week, row.caseReference), itemType: "report-case", ...row };
}

/** A referral's report row as an item of its week's partition. */
export function referralReportItem(row: ReferralReportRow) {
  return { ...keys.reportReferral(row.week, row.referralId), itemType: "report-referral", ...row };
}

export class DynamoDbCaseReports implements CaseReports {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putCase(row: CaseReportRow): Promise<void> {
    await this.put(caseReportItem(row));
  }

  async putReferral(row: ReferralReportRow): Promise<void> {
    await this.put(referralReportItem(row));
  }

  async putThemeAlert(row: ThemeAlertReportRow): Promise<void> {
    await this.put({
      ...keys.reportThemeAlert(row.week, row.alertId),
      itemType: "report-theme-alert",
      ...row,
    });
  }

  async week(week: string): Promise<ReportWeek> {
    const result: ReportWeek = { cases: [], referrals: [], themeAlerts: [] };
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.reportPartition(week) },
      },
    );
    for await (const page of pages) {
      for (const { pk: _pk, sk: _sk, itemType, ...row } of page.Items ?? []) {
        if (itemType === "report-case") result.cases.push(row as CaseReportRow);
        else if (itemType === "report-referral") result.referrals.push(row as ReferralReportRow);
        else if (itemType === "report-theme-alert") result.themeAlerts.push(row as ThemeAlertReportRow);
      }
    }
    return result;
  }

  private async put(item: Record<string, unknown>): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }
}

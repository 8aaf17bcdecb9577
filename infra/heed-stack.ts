// The whole of Heed in one stack, wired from one construct per concern. This file is the map:
// which function reads which resource is decided here, through the constructs' bind methods.
// Monitoring comes last because it watches every function, queue, API and table created before it.
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { ATTACHMENT_PREFIX } from "../shared/adapters/aws/s3-attachment-store";
import { CasePage } from "./constructs/case-page";
import { CaseStore } from "./constructs/case-store";
import { Communication } from "./constructs/communication";
import { DataLifecycle } from "./constructs/data-lifecycle";
import { DataProtection } from "./constructs/data-protection";
import { MAIL_DOMAIN_METADATA, STAGE_METADATA } from "./constructs/heed-checks";
import { HeedFunction } from "./constructs/heed-function";
import { InboundEmail, RAW_MAIL_PREFIX } from "./constructs/inbound-email";
import { MailEvents } from "./constructs/mail-events";
import { MailSending } from "./constructs/mail-sending";
import { Monitoring } from "./constructs/monitoring";
import { ReferralNotifier } from "./constructs/referral-notifier";
import { ReferralQueues } from "./constructs/referral-queues";
import { PUBLIC_ROUTE_LIMITS, StaffApi } from "./constructs/staff-api";
import { StaffConsole } from "./constructs/staff-console";
import { type Stage, stageSettings } from "./constructs/stage-settings";
import { WebForm } from "./constructs/web-form";

/** What a deployment is configured with, from context (see infra/heed-app.ts). */
export interface HeedDeployment {
  readonly stage: Stage;
  /** The address customers write to, e.g. `complaints@example.com`. */
  readonly intakeAddress: string;
  /** The domain Heed sends from; the intake address should belong to it. */
  readonly mailDomain: string;
  readonly organisationName: string;
  /** Where alarm notifications are emailed; without it, subscribe to the alarm topic yourself. */
  readonly alarmEmail?: string;
  /** SES already has the mail domain as an identity in this account and region: use it, do not create it. */
  readonly reuseMailIdentity?: boolean;
  /** Exact https origins, besides the API's own, whose pages may post the web form. */
  readonly webFormOrigins?: readonly string[];
  /**
   * The complaint rule pack and close of business every function follows, as environment variables;
   * unset, the functions follow shared/config/complaint-rules.json.
   */
  readonly complaintRules?: {
    readonly COMPLAINT_RULE_PACK?: string;
    readonly COMPLAINT_CLOSE_OF_BUSINESS?: string;
  };
}

export interface HeedStackProps extends StackProps, HeedDeployment {}

export class HeedStack extends Stack {
  readonly deployment: HeedDeployment;
  readonly dataProtection: DataProtection;
  readonly caseStore: CaseStore;
  readonly referralQueues: ReferralQueues;
  readonly mailSending: MailSending;
  readonly inboundEmail: InboundEmail;
  readonly staffApi: StaffApi;
  readonly webForm: WebForm;
  readonly dataLifecycle: DataLifecycle;
  readonly communication: Communication;
  readonly mailEvents: MailEvents;
  readonly casePage: CasePage;
  readonly staffConsole: StaffConsole;
  readonly referralNotifier: ReferralNotifier;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: HeedStackProps) {
    super(scope, id, props);
    const { stage, intakeAddress, mailDomain, organisationName, alarmEmail, reuseMailIdentity } = props;
    const { webFormOrigins, complaintRules } = props;
    this.deployment = {
      stage,
      intakeAddress,
      mailDomain,
      organisationName,
      alarmEmail,
      reuseMailIdentity,
      webFormOrigins,
      complaintRules,
    };
    const settings = stageSettings(props.stage);
    this.templateOptions.metadata = {
      ...this.templateOptions.metadata,
      [STAGE_METADATA]: props.stage,
      [MAIL_DOMAIN_METADATA]: props.mailDomain,
    };

    this.dataProtection = new DataProtection(this, "DataProtection", { settings });
    const { dataKey, accessLogBucket } = this.dataProtection;

    this.caseStore = new CaseStore(this, "CaseStore", { settings, encryptionKey: dataKey });
    this.referralQueues = new ReferralQueues(this, "ReferralQueues", { encryptionKey: dataKey });
    this.mailSending = new MailSending(this, "MailSending", {
      mailDomain: props.mailDomain,
      reuseIdentity: props.reuseMailIdentity,
    });

    this.inboundEmail = new InboundEmail(this, "InboundEmail", {
      settings,
      intakeAddress: props.intakeAddress,
      organisationName: props.organisationName,
      caseTable: this.caseStore.table,
      dataKey,
      accessLogBucket,
    });
    this.referralQueues.bindSender(this.inboundEmail.intakeFunction);
    this.mailSending.bindSender(this.inboundEmail.intakeFunction);

    this.staffApi = new StaffApi(this, "StaffApi", {
      settings,
      caseTable: this.caseStore.table,
      intakeQueue: this.inboundEmail.intakeQueue.queue,
    });

    this.webForm = new WebForm(this, "WebForm", {
      settings,
      httpApi: this.staffApi.httpApi,
      caseTable: this.caseStore.table,
      intakeAddress: props.intakeAddress,
      organisationName: props.organisationName,
      allowedOrigins: props.webFormOrigins,
    });
    this.referralQueues.bindSender(this.webForm.formFunction);
    this.mailSending.bindSender(this.webForm.formFunction);

    this.dataLifecycle = new DataLifecycle(this, "DataLifecycle", {
      settings,
      caseTable: this.caseStore.table,
      rawMailBucket: this.inboundEmail.rawMailBucket,
      rawMailPrefix: RAW_MAIL_PREFIX,
      intakeQueue: this.inboundEmail.intakeQueue.queue,
      referralQueues: this.referralQueues,
      mailSending: this.mailSending,
      intakeAddress: props.intakeAddress,
      organisationName: props.organisationName,
    });
    this.dataLifecycle.allowSubjectRights(this.staffApi.staffApiFunction, [
      this.inboundEmail.intakeQueue.deadLetterQueue,
      ...Object.values(this.referralQueues.byLevel).map((queues) => queues.deadLetterQueue),
    ]);

    this.communication = new Communication(this, "Communication", {
      settings,
      caseTable: this.caseStore.table,
      httpApi: this.staffApi.httpApi,
      staffApiFunction: this.staffApi.staffApiFunction,
      referralQueues: this.referralQueues,
      mailSending: this.mailSending,
      intakeAddress: props.intakeAddress,
      organisationName: props.organisationName,
    });
    this.mailEvents = new MailEvents(this, "MailEvents", {
      settings,
      caseTable: this.caseStore.table,
      mailSending: this.mailSending,
      dataKey,
    });

    // Every function that writes to customers puts the case-page link in its letters.
    this.casePage = new CasePage(this, "CasePage", {
      settings,
      httpApi: this.staffApi.httpApi,
      publicUrl: this.staffApi.stage.url,
      caseTable: this.caseStore.table,
      rawMailBucket: this.inboundEmail.rawMailBucket,
      mailSending: this.mailSending,
      intakeAddress: props.intakeAddress,
      organisationName: props.organisationName,
    });
    for (const letterWriter of [
      this.inboundEmail.intakeFunction,
      this.webForm.formFunction,
      this.staffApi.staffApiFunction,
      this.dataLifecycle.reconcilerFunction,
    ]) {
      this.casePage.bindLinkIssuer(letterWriter);
    }
    // Customers' routes are limited apart from staff's, so a flood on them cannot throttle the console.
    this.staffApi.limitRoutes(
      [...this.webForm.routes, ...this.communication.feedbackRoutes, ...this.casePage.routes],
      PUBLIC_ROUTE_LIMITS,
    );

    // Staff acting on referrals: re-referral sends to every level's queue, attachments download
    // through short-lived links, the console is served beside the API, and the notifier tells teams.
    this.referralQueues.bindSender(this.staffApi.staffApiFunction);
    this.staffApi.staffApiFunction.bindBucket(
      this.inboundEmail.rawMailBucket,
      ATTACHMENT_PREFIX,
      "RAW_MAIL_BUCKET",
    );
    this.staffConsole = new StaffConsole(this, "StaffConsole", {
      settings,
      httpApi: this.staffApi.httpApi,
      stage: this.staffApi.stage,
      userPool: this.staffApi.userPool,
      userPoolClient: this.staffApi.userPoolClient,
    });
    this.referralNotifier = new ReferralNotifier(this, "ReferralNotifier", {
      settings,
      caseTable: this.caseStore.table,
      referralQueues: this.referralQueues,
      consoleBaseUrl: this.staffConsole.consoleUrl,
      sender: `heed-notifications@${props.mailDomain}`,
      organisationName: props.organisationName,
    });
    this.mailSending.bindSender(this.referralNotifier.notifierFunction);

    // Every function follows the same complaint rules: intake opens complaints, the timers warn of them.
    for (const construct of this.node.findAll())
      if (construct instanceof HeedFunction)
        for (const [name, value] of Object.entries(complaintRules ?? {}))
          construct.addEnvironment(name, value);

    this.monitoring = new Monitoring(this, "Monitoring", { settings, alarmEmail: props.alarmEmail });
    this.dataLifecycle.reportTo(this.monitoring);

    new CfnOutput(this, "ReceiptRuleSetName", {
      value: this.inboundEmail.receiptRuleSet.receiptRuleSetName,
      description: "Activate once: aws ses set-active-receipt-rule-set --rule-set-name <value>",
    });
    new CfnOutput(this, "StaffApiUrl", { value: this.staffApi.stage.url });
    new CfnOutput(this, "WebFormUrl", { value: this.staffApi.stage.url });
    new CfnOutput(this, "StaffConsoleUrl", { value: this.staffConsole.consoleUrl });
    new CfnOutput(this, "StaffUserPoolId", { value: this.staffApi.userPool.userPoolId });
    new CfnOutput(this, "StaffUserPoolClientId", { value: this.staffApi.userPoolClient.userPoolClientId });
    new CfnOutput(this, "AlarmTopicArn", {
      value: this.monitoring.alarmTopic.topicArn,
      description: "Subscribe operators: aws sns subscribe --topic-arn <value> --protocol email ...",
    });
    new CfnOutput(this, "DashboardName", { value: this.monitoring.dashboard.dashboardName });
  }
}

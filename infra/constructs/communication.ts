// Keeping customers informed: the staff API gains what its communication routes need (the case table,
// the SES identity, the feedback signing key), an hourly rule runs the follow-up timer (reminders, missed
// commitments, quiet-period nudges), and a public function serves the feedback page outcome letters link
// to. Create it before Monitoring, which then watches its functions like every other.
import { Duration, Validations } from "aws-cdk-lib";
import { type HttpApi, HttpMethod, HttpNoneAuthorizer, type HttpRoute } from "aws-cdk-lib/aws-apigatewayv2";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { HeedFunction } from "./heed-function";
import type { MailSending } from "./mail-sending";
import type { ReferralQueues } from "./referral-queues";
import { lambdaIntegration } from "./staff-api";
import type { StageSettings } from "./stage-settings";

export interface CommunicationProps {
  readonly settings: StageSettings;
  readonly caseTable: ITable;
  /** The staff API's HTTP API: the feedback page is served from it, without the staff authorizer. */
  readonly httpApi: HttpApi;
  /** Serves the communication routes (updates, commitments, options, outcomes, the feedback report). */
  readonly staffApiFunction: HeedFunction;
  readonly referralQueues: ReferralQueues;
  readonly mailSending: MailSending;
  readonly intakeAddress: string;
  readonly organisationName: string;
}

export class Communication extends Construct {
  /** Signs the feedback links in outcome letters; the staff API signs, the feedback function checks. */
  readonly feedbackSigningKey: Secret;
  readonly followUpTimersFunction: HeedFunction;
  readonly followUpSchedule: Rule;
  readonly feedbackFunction: HeedFunction;
  readonly feedbackRoutes: HttpRoute[];

  constructor(scope: Construct, id: string, props: CommunicationProps) {
    super(scope, id);
    const { settings, caseTable } = props;

    this.feedbackSigningKey = new Secret(this, "FeedbackSigningKey", {
      description: "Heed: signs the feedback links sent with resolved outcomes",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.feedbackSigningKey).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "Rotated by putting a new value (README, Operations); the functions read it at run time and use it within 5 minutes, no redeploy. Links sent before then stop working and show the expired page.",
    });

    const staff = props.staffApiFunction;
    staff.bindTable(caseTable, "readWrite", "CASE_TABLE_NAME");
    props.mailSending.bindSender(staff);
    staff.addEnvironment("INTAKE_ADDRESS", props.intakeAddress);
    staff.addEnvironment("ORGANISATION_NAME", props.organisationName);
    staff.bindSecret(this.feedbackSigningKey, "FEEDBACK_SIGNING_KEY_SECRET");

    this.followUpTimersFunction = new HeedFunction(this, "FollowUpTimersFunction", {
      name: "follow-up-timers",
      settings,
      timeout: Duration.minutes(5),
    });
    this.followUpTimersFunction.bindTable(caseTable, "readWrite", "CASE_TABLE_NAME");
    props.referralQueues.bindSender(this.followUpTimersFunction);
    this.followUpSchedule = new Rule(this, "FollowUpSchedule", {
      description: "Heed: commitment reminders, missed commitments and quiet-period nudges",
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(this.followUpTimersFunction, { retryAttempts: 2 })],
    });

    this.feedbackFunction = new HeedFunction(this, "FeedbackFunction", {
      name: "feedback",
      settings,
      environment: { ORGANISATION_NAME: props.organisationName },
    });
    this.feedbackFunction.bindSecret(this.feedbackSigningKey, "FEEDBACK_SIGNING_KEY_SECRET");
    this.feedbackFunction.bindTable(caseTable, "readWrite", "CASE_TABLE_NAME");
    const integration = lambdaIntegration("FeedbackIntegration", this.feedbackFunction);
    // Explicitly public: customers are not signed in; the signed, expiring token is their credential.
    this.feedbackRoutes = props.httpApi.addRoutes({
      path: "/feedback/{token}",
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration,
      authorizer: new HttpNoneAuthorizer(),
    });
    for (const route of this.feedbackRoutes) {
      Validations.of(route).acknowledge({
        id: "AwsSolutions-APIG4",
        reason:
          "The feedback page is for customers, who have no account: each link carries an HMAC-signed, expiring token for one case outcome, and the stage is throttled.",
      });
    }
  }
}

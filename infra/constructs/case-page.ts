// The customer's case page: one signing key, the public function that serves `/case/{token}` and
// `/case` on the HTTP API without the staff authorizer, and `bindLinkIssuer`, which hands every function
// that writes to customers the same key's secret (read at run time), page address and link lifetime, so
// each letter carries a link the page accepts. The page reads the case and writes only additions: ledger
// entries, timeline events, rate-limit counters and attachments under `attachments/`.
import { Validations } from "aws-cdk-lib";
import { type HttpApi, HttpMethod, HttpNoneAuthorizer, type HttpRoute } from "aws-cdk-lib/aws-apigatewayv2";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { ATTACHMENT_PREFIX } from "../../shared/adapters/aws/s3-attachment-store";
import { HeedFunction } from "./heed-function";
import type { MailSending } from "./mail-sending";
import { lambdaIntegration } from "./staff-api";
import type { StageSettings } from "./stage-settings";

export interface CasePageProps {
  readonly settings: StageSettings;
  readonly httpApi: HttpApi;
  /** Where customers reach the API: the stage's URL. */
  readonly publicUrl: string;
  readonly caseTable: ITable;
  /** Where customers' attachments are stored, as email attachments are. */
  readonly rawMailBucket: Bucket;
  readonly mailSending: MailSending;
  readonly intakeAddress: string;
  readonly organisationName: string;
  /** How long a link in a letter works. @default 30 */
  readonly linkValidDays?: number;
}

export class CasePage extends Construct {
  /** Signs case-page links; letters sign them, the page checks them. */
  readonly signingKey: Secret;
  readonly pageFunction: HeedFunction;
  readonly routes: HttpRoute[];
  private readonly linkEnvironment: Record<string, string>;

  constructor(scope: Construct, id: string, props: CasePageProps) {
    super(scope, id);

    this.signingKey = new Secret(this, "SigningKey", {
      description: "Heed: signs the case-page links in letters to customers",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.signingKey).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "Rotated by putting a new value (README, Operations); the functions read it at run time and use it within 5 minutes, no redeploy. Links sent before then lead to the page that offers a fresh link.",
    });
    this.linkEnvironment = {
      CASE_PAGE_BASE_URL: props.publicUrl,
      CASE_PAGE_LINK_DAYS: String(props.linkValidDays ?? 30),
    };

    this.pageFunction = new HeedFunction(this, "PageFunction", {
      name: "case-page",
      settings: props.settings,
      environment: { INTAKE_ADDRESS: props.intakeAddress, ORGANISATION_NAME: props.organisationName },
    });
    this.bindLinkIssuer(this.pageFunction);
    this.pageFunction.bindTable(props.caseTable, "readWrite", "CASE_TABLE_NAME");
    this.pageFunction.addEnvironment("RAW_MAIL_BUCKET", props.rawMailBucket.bucketName);
    this.pageFunction.allowObjectWrites(props.rawMailBucket, ATTACHMENT_PREFIX);
    // Fresh links and reply notices go to the address on the case.
    props.mailSending.bindSender(this.pageFunction);

    const integration = lambdaIntegration("PageIntegration", this.pageFunction);
    // Explicitly public: customers are not signed in; the signed, expiring link is their credential.
    const publicRoute = { integration, authorizer: new HttpNoneAuthorizer() };
    this.routes = [
      ...props.httpApi.addRoutes({
        path: "/case/{token}",
        methods: [HttpMethod.GET, HttpMethod.POST],
        ...publicRoute,
      }),
      ...props.httpApi.addRoutes({
        path: "/case",
        methods: [HttpMethod.GET, HttpMethod.POST],
        ...publicRoute,
      }),
    ];
    for (const route of this.routes) {
      Validations.of(route).acknowledge({
        id: "AwsSolutions-APIG4",
        reason:
          "The case page is for customers, who have no account: each link carries an HMAC-signed, expiring token bound to one case and its address; posts need a token bound to the link and the page's own origin, and are rate-limited.",
      });
    }
  }

  /**
   * Lets a function that writes to customers put a case-page link in every letter: it may read the key's
   * secret (handed its ARN, never the value) and is told the page's address and the link lifetime.
   */
  bindLinkIssuer(fn: HeedFunction): void {
    fn.bindSecret(this.signingKey, "CASE_PAGE_SIGNING_KEY_SECRET");
    for (const [name, value] of Object.entries(this.linkEnvironment)) fn.addEnvironment(name, value);
  }
}

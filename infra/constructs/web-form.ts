// The public web contact form: one function that renders the page (`GET /`) and takes its posts
// (`POST /api/forms`), on the staff API's HTTP API but explicitly without its authorizer, because
// customers are not signed in. It records cases in the case table and may refer and acknowledge them
// once the stack binds the referral queues and the mail sender; it has no access to raw mail.
import { Validations } from "aws-cdk-lib";
import { type HttpApi, HttpMethod, HttpNoneAuthorizer, type HttpRoute } from "aws-cdk-lib/aws-apigatewayv2";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { HeedFunction } from "./heed-function";
import { lambdaIntegration } from "./staff-api";
import type { StageSettings } from "./stage-settings";

export interface WebFormProps {
  readonly settings: StageSettings;
  readonly httpApi: HttpApi;
  readonly caseTable: ITable;
  readonly intakeAddress: string;
  readonly organisationName: string;
  /**
   * Exact origins, besides the API's own, whose pages may post the form (e.g. the organisation's
   * website embedding it). @default none
   */
  readonly allowedOrigins?: readonly string[];
}

export class WebForm extends Construct {
  readonly formFunction: HeedFunction;
  /** Signs each rendered page's time and keys the rate-limit hashes. */
  readonly signingKey: Secret;
  readonly routes: HttpRoute[];

  constructor(scope: Construct, id: string, props: WebFormProps) {
    super(scope, id);

    this.signingKey = new Secret(this, "SigningKey", {
      description: "Heed web form: signs the time each form page was rendered",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.signingKey).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "Rotated by putting a new value (README, Operations); the function reads it at run time and uses it within 5 minutes, no redeploy. A page rendered before the change is asked to be sent again.",
    });

    this.formFunction = new HeedFunction(this, "FormFunction", {
      name: "web-form",
      settings: props.settings,
      environment: {
        INTAKE_ADDRESS: props.intakeAddress,
        ORGANISATION_NAME: props.organisationName,
        ALLOWED_ORIGINS: (props.allowedOrigins ?? []).join(","),
      },
    });
    this.formFunction.bindTable(props.caseTable, "readWrite", "CASE_TABLE_NAME");
    this.formFunction.bindSecret(this.signingKey, "FORM_SIGNING_KEY_SECRET");

    const integration = lambdaIntegration("FormIntegration", this.formFunction);
    // Explicitly public: the API's default authorizer is the staff user pool.
    const publicRoute = { integration, authorizer: new HttpNoneAuthorizer() };
    this.routes = [
      ...props.httpApi.addRoutes({ path: "/", methods: [HttpMethod.GET], ...publicRoute }),
      ...props.httpApi.addRoutes({ path: "/api/forms", methods: [HttpMethod.POST], ...publicRoute }),
    ];
    for (const route of this.routes) {
      Validations.of(route).acknowledge({
        id: "AwsSolutions-APIG4",
        reason:
          "The customer contact form is public by design; posts are limited by origin, signed render time, honeypot, per-IP and per-email rate limits and the stage's throttle.",
      });
    }
  }
}

// The staff console: a function that serves the console's static files on public routes of the staff
// API's HTTP API (`GET /console`, `GET /console/{proxy+}`), and Cognito's hosted sign-in for it — a
// user pool domain, and the console app client allowed the authorization code flow with PKCE back to
// the console's own address. The files are public; every call the console makes to `/api/…` still
// needs a token from the staff user pool, checked by API Gateway's JWT authorizer.
import { Fn, Stack, Validations } from "aws-cdk-lib";
import {
  type HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  type HttpStage,
} from "aws-cdk-lib/aws-apigatewayv2";
import type { CfnUserPoolClient, UserPool, UserPoolClient, UserPoolDomain } from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { HeedFunction } from "./heed-function";
import { lambdaIntegration } from "./staff-api";
import type { StageSettings } from "./stage-settings";

export const CONSOLE_PATH = "/console";
export const CONSOLE_SCOPES = ["openid", "email", "profile"];

export interface StaffConsoleProps {
  readonly settings: StageSettings;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly userPool: UserPool;
  /** The app client the API's authorizer accepts tokens from; the console signs in with it. */
  readonly userPoolClient: UserPoolClient;
  /**
   * The hosted sign-in's domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique in the
   * region. @default `heed-` and the stack's id
   */
  readonly domainPrefix?: string;
}

export class StaffConsole extends Construct {
  readonly consoleFunction: HeedFunction;
  readonly domain: UserPoolDomain;
  /** The console's address, which is also the sign-in's redirect and sign-out address. */
  readonly consoleUrl: string;
  readonly routes: HttpRoute[];

  constructor(scope: Construct, id: string, props: StaffConsoleProps) {
    super(scope, id);

    this.consoleUrl = `${props.stage.url}${CONSOLE_PATH.slice(1)}`;
    const domainPrefix = props.domainPrefix ?? `heed-${Fn.select(2, Fn.split("/", Stack.of(this).stackId))}`;
    this.domain = props.userPool.addDomain("ConsoleSignIn", { cognitoDomain: { domainPrefix } });

    // The console is a public client: the authorization code flow with PKCE only, back to the console.
    const client = props.userPoolClient.node.defaultChild as CfnUserPoolClient;
    client.addPropertyOverride("AllowedOAuthFlows", ["code"]);
    client.addPropertyOverride("AllowedOAuthFlowsUserPoolClient", true);
    client.addPropertyOverride("AllowedOAuthScopes", CONSOLE_SCOPES);
    client.addPropertyOverride("CallbackURLs", [this.consoleUrl]);
    client.addPropertyOverride("LogoutURLs", [this.consoleUrl]);
    client.addPropertyOverride("SupportedIdentityProviders", ["COGNITO"]);

    this.consoleFunction = new HeedFunction(this, "ConsoleFunction", {
      name: "staff-console",
      settings: props.settings,
      memorySize: 256,
      environment: {
        CONSOLE_SIGN_IN_DOMAIN: this.domain.baseUrl(),
        CONSOLE_CLIENT_ID: props.userPoolClient.userPoolClientId,
        CONSOLE_REDIRECT_URI: this.consoleUrl,
      },
    });

    const integration = lambdaIntegration("ConsoleIntegration", this.consoleFunction);
    // Explicitly public: the files hold no data; the API they call keeps its JWT authorizer.
    const publicRoute = { methods: [HttpMethod.GET], integration, authorizer: new HttpNoneAuthorizer() };
    this.routes = [
      ...props.httpApi.addRoutes({ path: CONSOLE_PATH, ...publicRoute }),
      ...props.httpApi.addRoutes({ path: `${CONSOLE_PATH}/{proxy+}`, ...publicRoute }),
    ];
    for (const route of this.routes) {
      Validations.of(route).acknowledge({
        id: "AwsSolutions-APIG4",
        reason:
          "The staff console's static files are public so the browser can load the sign-in; they hold no data, and every /api route they call requires a staff user pool token.",
      });
    }
  }
}

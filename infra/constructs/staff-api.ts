// The staff side of Heed: a Cognito user pool whose groups are the referral levels plus admin, and
// an HTTP API whose routes all require a token from that pool (the authorizer is the API's default, so
// a route is protected unless it explicitly opts out, as the public web form does). Staff read cases
// and the intake ledger, and may release quarantined mail back to intake. Public routes are limited on
// their own, below the stage's limit, so a flood on them is refused there and leaves staff theirs.
import { Duration, Lazy, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  type CfnRoute,
  type CfnStage,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  type HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from "aws-cdk-lib/aws-cognito";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { HeedFunction } from "./heed-function";
import { REFERRAL_LEVELS } from "./referral-queues";
import type { StageSettings } from "./stage-settings";

export const STAFF_GROUPS = [...REFERRAL_LEVELS, "admin"] as const;

export interface RouteLimits {
  /** Requests per second, sustained. */
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** Every route of the stage, unless it has limits of its own. */
export const STAGE_LIMITS: RouteLimits = { rateLimit: 50, burstLimit: 100 };

/**
 * Each public customer route (the form page and its posts, the feedback page, the case page and its
 * fresh-link form): far above what real customers send (a busy day is a few posts a minute), far below
 * the stage's, so a flood is refused at its own route.
 */
export const PUBLIC_ROUTE_LIMITS: RouteLimits = { rateLimit: 10, burstLimit: 20 };

/**
 * A Lambda integration whose invoke permission covers every route of the API at once: one statement in
 * the function's resource policy instead of one per route, which would reach Lambda's 20 KB policy limit.
 */
export function lambdaIntegration(id: string, fn: IFunction): HttpLambdaIntegration {
  return new HttpLambdaIntegration(id, fn, { scopePermissionToRoute: false });
}

// Ids, route and outcome only: no source IP, user agent or path values, which can identify people.
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: "$context.requestId",
    routeKey: "$context.routeKey",
    status: "$context.status",
    responseLatency: "$context.responseLatency",
    integrationError: "$context.integrationErrorMessage",
    authorizerError: "$context.authorizer.error",
  }),
);

const STAFF_ROUTES: { path: string; method: HttpMethod }[] = [
  { path: "/api/cases", method: HttpMethod.GET },
  { path: "/api/cases/{ref}", method: HttpMethod.GET },
  { path: "/api/cases/{ref}/access", method: HttpMethod.GET },
  { path: "/api/intake", method: HttpMethod.GET },
  { path: "/api/quarantine", method: HttpMethod.GET },
  { path: "/api/quarantine/{id}/release", method: HttpMethod.POST },
  { path: "/api/problems", method: HttpMethod.POST },
  { path: "/api/data-protection/search", method: HttpMethod.POST },
  { path: "/api/data-protection/export", method: HttpMethod.POST },
  { path: "/api/data-protection/erase", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/legal-hold", method: HttpMethod.PUT },
  { path: "/api/cases/{ref}/legal-hold", method: HttpMethod.DELETE },
  { path: "/api/cases/{ref}/updates", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/commitments", method: HttpMethod.GET },
  { path: "/api/cases/{ref}/commitments", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/commitments/{id}/kept", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/options", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/options/choice", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/resolve", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/close-unresolved", method: HttpMethod.POST },
  { path: "/api/feedback", method: HttpMethod.GET },
  { path: "/api/me", method: HttpMethod.GET },
  { path: "/api/search", method: HttpMethod.GET },
  { path: "/api/queue", method: HttpMethod.GET },
  { path: "/api/reports", method: HttpMethod.GET },
  { path: "/api/cases/{ref}/attachments/{id}", method: HttpMethod.GET },
  { path: "/api/cases/{ref}/claim", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/notes", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/refer", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/details", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/classification", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/offers", method: HttpMethod.POST },
  { path: "/api/complaint-rules", method: HttpMethod.GET },
  { path: "/api/cases/{ref}/payment-services", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/clock-pause", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/clock-resume", method: HttpMethod.POST },
  { path: "/api/cases/{ref}/regulated-letters", method: HttpMethod.POST },
  { path: "/api/reports/complaints-return", method: HttpMethod.GET },
];

export interface StaffApiProps {
  readonly settings: StageSettings;
  readonly caseTable: ITable;
  /** Released quarantine goes back through intake. */
  readonly intakeQueue: IQueue;
}

export class StaffApi extends Construct {
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly authorizer: IHttpRouteAuthorizer;
  readonly staffApiFunction: HeedFunction;
  private readonly routeLimits: Record<
    string,
    { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
  > = {};

  constructor(scope: Construct, id: string, props: StaffApiProps) {
    super(scope, id);

    this.userPool = new UserPool(this, "UserPool", {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      removalPolicy: props.settings.dataRemovalPolicy,
      deletionProtection: props.settings.deletionProtection,
    });
    Validations.of(this.userPool).acknowledge({
      id: "AwsSolutions-COG8",
      reason:
        "Staff accounts are created by an admin, need MFA, and are few; Plus-tier threat protection is not needed.",
    });
    for (const group of STAFF_GROUPS) {
      new UserPoolGroup(this, `Group-${group}`, { userPool: this.userPool, groupName: group });
    }
    this.userPoolClient = this.userPool.addClient("ConsoleClient", {
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
    });

    this.staffApiFunction = new HeedFunction(this, "StaffApiFunction", {
      name: "staff-api",
      settings: props.settings,
    });
    this.staffApiFunction.bindTable(props.caseTable, "readUpdate", "CASE_TABLE_NAME");
    this.staffApiFunction.bindQueue(props.intakeQueue, "INTAKE_QUEUE_URL");

    this.authorizer = new HttpUserPoolAuthorizer("StaffAuthorizer", this.userPool, {
      userPoolClients: [this.userPoolClient],
    });
    this.httpApi = new HttpApi(this, "HttpApi", {
      defaultAuthorizer: this.authorizer,
      createDefaultStage: false,
    });
    this.stage = this.httpApi.addStage("DefaultStage", {
      stageName: "$default",
      autoDeploy: true,
      throttle: STAGE_LIMITS,
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, "AccessLogGroup", {
            retention: props.settings.logRetention,
            removalPolicy: props.settings.logRemovalPolicy,
          }),
        ),
        format: ACCESS_LOG_FORMAT,
      },
    });

    (this.stage.node.defaultChild as CfnStage).routeSettings = Lazy.any({
      produce: () => (Object.keys(this.routeLimits).length > 0 ? this.routeLimits : undefined),
    });

    const integration = lambdaIntegration("StaffApiIntegration", this.staffApiFunction);
    for (const { path, method } of STAFF_ROUTES) {
      this.httpApi.addRoutes({ path, methods: [method], integration });
    }
  }

  /** Gives routes of this API limits of their own; the stage is created after them, since it names them. */
  limitRoutes(routes: readonly HttpRoute[], limits: RouteLimits): void {
    for (const route of routes) {
      this.routeLimits[(route.node.defaultChild as CfnRoute).routeKey] = {
        ThrottlingRateLimit: limits.rateLimit,
        ThrottlingBurstLimit: limits.burstLimit,
      };
      this.stage.node.addDependency(route);
    }
  }
}

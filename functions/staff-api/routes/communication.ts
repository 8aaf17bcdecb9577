// Keeping customers informed, from the staff side: progress updates, commitments in the promise ledger,
// proposed options and the customer's choice, the resolved or unresolved outcome, and the feedback
// report. Bodies are JSON checked against strict schemas; a letter that fails the promise and tone check
// comes back as 422 with each phrase, where it is and the text with the phrases marked. Options and
// resolutions may carry a refund or goodwill as `money: {type, amount}`, checked against authority.

import type { APIGatewayProxyEventV2 } from "aws-lambda";
import * as z from "zod";
import { errorResponse, json } from "../../../shared/adapters/http/responses";
import { feedbackReport } from "../../../shared/application/feedback";
import {
  closeUnresolved,
  listCommitments,
  markCommitmentKept,
  proposeOptions,
  recordCommitment,
  recordOptionChoice,
  resolveCase,
  sendProgressUpdate,
} from "../../../shared/application/staff-work";
import { staff, writingLetters } from "../dependencies";
import { caseReference, type RouteTable, respond, withBody } from "../route";
import { refundOrGoodwill } from "./action-inputs";

const deps = staff.letters;

const staffText = z.string().trim().min(1).max(5000);
const shortText = z.string().trim().min(1).max(1000);
const key = z.string().regex(/^[a-z0-9-]+$/);

const progressUpdateInput = z.strictObject({ text: staffText });
const commitmentInput = z.strictObject({
  description: shortText,
  dueAt: z.iso.datetime({ offset: true }),
  owner: z.string().trim().min(1).max(200).optional(),
});
const commitmentKeptInput = z.strictObject({ note: shortText.optional() });
const optionsInput = z.strictObject({
  options: z
    .array(
      z.strictObject({
        label: z.string().trim().min(1).max(200),
        detail: shortText.optional(),
        money: refundOrGoodwill.optional(),
      }),
    )
    .min(1)
    .max(6),
  message: staffText.optional(),
});
const optionChoiceInput = z.strictObject({
  proposalId: z.string().min(1).max(100),
  optionId: z.string().min(1).max(10),
  note: shortText.optional(),
});
const resolveInput = z.strictObject({ agreed: staffText, money: refundOrGoodwill.optional() });
const closeUnresolvedInput = z.strictObject({
  reasons: staffText,
  outsideHelp: z.array(key).min(1).max(10).optional(),
});

/** Where the feedback link points: the API the staff member reached, which also serves the public page. */
function ownOrigin(event: APIGatewayProxyEventV2): string {
  const protocol = event.headers?.["x-forwarded-proto"] ?? "https";
  const port = event.headers?.["x-forwarded-port"];
  const defaultPort = protocol === "https" ? "443" : "80";
  return `${protocol}://${event.requestContext.domainName}${port && port !== defaultPort ? `:${port}` : ""}`;
}

export const communicationRoutes: RouteTable = {
  "POST /api/cases/{ref}/updates": writingLetters(
    withBody(progressUpdateInput, async (input, event, member) =>
      respond(await sendProgressUpdate(caseReference(event), input, member, deps), 201),
    ),
  ),
  "GET /api/cases/{ref}/commitments": async (event, member) =>
    respond(
      await listCommitments(caseReference(event), member, {
        ...staff.reads,
        commitments: deps.followUps.store,
      }),
      200,
    ),
  "POST /api/cases/{ref}/commitments": withBody(commitmentInput, async (input, event, member) =>
    respond(await recordCommitment(caseReference(event), input, member, deps), 201),
  ),
  "POST /api/cases/{ref}/commitments/{id}/kept": withBody(commitmentKeptInput, async (input, event, member) =>
    respond(
      await markCommitmentKept(caseReference(event), event.pathParameters?.id ?? "", input, member, deps),
      200,
    ),
  ),
  "POST /api/cases/{ref}/options": writingLetters(
    withBody(optionsInput, async (input, event, member) =>
      respond(await proposeOptions(caseReference(event), input, member, deps), 201),
    ),
  ),
  "POST /api/cases/{ref}/options/choice": withBody(optionChoiceInput, async (input, event, member) =>
    respond(await recordOptionChoice(caseReference(event), input, member, deps), 201),
  ),
  "POST /api/cases/{ref}/resolve": writingLetters(
    withBody(resolveInput, async (input, event, member) =>
      respond(await resolveCase(caseReference(event), input, member, ownOrigin(event), deps), 200),
    ),
  ),
  "POST /api/cases/{ref}/close-unresolved": writingLetters(
    withBody(closeUnresolvedInput, async (input, event, member) =>
      respond(await closeUnresolved(caseReference(event), input, member, deps), 200),
    ),
  ),
  "GET /api/feedback": async (event) => {
    const month = event.queryStringParameters?.month ?? staff.clock.now().toISOString().slice(0, 7);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      return errorResponse(400, "invalid-month", "Give the month as yyyy-mm.");
    return json(200, await feedbackReport(month, deps.followUps.store));
  },
};

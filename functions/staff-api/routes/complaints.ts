// Regulated complaint handling from the staff side: the rule pack in force (its clocks and letters, for
// the console), marking a complaint as about payment services, pausing and resuming its clocks where
// the pack allows, sending a required letter, and the
// complaints return for a period as JSON or CSV. Bodies are JSON checked against strict schemas.

import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { csvDownload, errorResponse, json } from "../../../shared/adapters/http/responses";
import { rulePackOf } from "../../../shared/application/complaint-clocks";
import {
  pauseClocksInput,
  pauseComplaintClocks,
  resumeClocksInput,
  resumeComplaintClocks,
} from "../../../shared/application/complaint-work/pause-clocks";
import {
  regulatedLetterInput,
  sendRegulatedLetter,
} from "../../../shared/application/complaint-work/send-regulated-letter";
import {
  paymentServicesInput,
  setPaymentServices,
} from "../../../shared/application/complaint-work/set-payment-services";
import {
  ComplaintReturnPeriodError,
  complaintsReturn,
  complaintsReturnCsv,
} from "../../../shared/application/complaints-return";
import { staff, writingLetters } from "../dependencies";
import { caseReference, type RouteTable, respond, withBody } from "../route";

const { complaintReturn, complaintWork: deps } = staff;

const LONDON_DAY = /^\d{4}-\d{2}-\d{2}$/;

async function returnFor(event: APIGatewayProxyEventV2) {
  const { from = "", to = "", format = "json" } = event.queryStringParameters ?? {};
  if (!LONDON_DAY.test(from) || !LONDON_DAY.test(to))
    return errorResponse(
      400,
      "invalid-period",
      "Give from and to as dates (yyyy-mm-dd), London time, inclusive.",
    );
  if (format !== "json" && format !== "csv")
    return errorResponse(400, "invalid-format", "Ask for json or csv.");
  try {
    const report = await complaintsReturn(from, to, complaintReturn);
    if (format === "json") return json(200, report);
    return csvDownload(`heed-complaints-return-${from}-${to}.csv`, complaintsReturnCsv(report));
  } catch (error) {
    if (error instanceof ComplaintReturnPeriodError)
      return errorResponse(400, "invalid-period", error.message);
    throw error;
  }
}

export const complaintRoutes: RouteTable = {
  "GET /api/complaint-rules": async () => {
    const pack = rulePackOf(deps);
    return json(200, {
      id: pack.id,
      name: pack.name,
      description: pack.description,
      ...(pack.closeOfBusiness ? { closeOfBusiness: pack.closeOfBusiness } : {}),
      clocks: pack.clocks.map(({ id, label, appliesTo, length, warnBefore, stoppedBy, pausedWhile }) => ({
        id,
        label,
        appliesTo,
        length,
        warnBefore,
        stoppedBy,
        pausedWhile,
      })),
      letters: pack.letters.map((letter) => ({
        id: letter.id,
        label: letter.label,
        decision: letter.decision,
        asks: [
          ...new Set(
            letter.requires.flatMap((id) => {
              const element = pack.elements.find((candidate) => candidate.id === id);
              return element && "value" in element ? [element.value] : [];
            }),
          ),
        ],
      })),
    });
  },
  "POST /api/cases/{ref}/payment-services": withBody(paymentServicesInput, async (input, event, member) =>
    respond(await setPaymentServices(caseReference(event), input, member, deps), 200),
  ),
  "POST /api/cases/{ref}/clock-pause": withBody(pauseClocksInput, async (input, event, member) =>
    respond(await pauseComplaintClocks(caseReference(event), input, member, deps), 200),
  ),
  "POST /api/cases/{ref}/clock-resume": withBody(resumeClocksInput, async (_input, event, member) =>
    respond(await resumeComplaintClocks(caseReference(event), member, deps), 200),
  ),
  "POST /api/cases/{ref}/regulated-letters": writingLetters(
    withBody(regulatedLetterInput, async (input, event, member) =>
      respond(await sendRegulatedLetter(caseReference(event), input, member, deps), 201),
    ),
  ),
  "GET /api/reports/complaints-return": returnFor,
};

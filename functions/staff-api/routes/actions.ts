// Staff acting on a case: who am I (level, authority limits and capabilities), take a case on, add a
// note, re-refer it, correct a detail or the classification, and agree a refund or goodwill gesture.
// Bodies are JSON checked against the strict schemas of action-inputs; the work itself is in
// shared/application/staff-work.

import { json } from "../../../shared/adapters/http/responses";
import {
  addNote,
  agreeOffer,
  correctClassification,
  correctDetail,
  reReferCase,
  takeCase,
  whoAmI,
} from "../../../shared/application/staff-work";
import { staff } from "../dependencies";
import { caseReference, type RouteTable, respond, withBody } from "../route";
import {
  claimInput,
  classificationCorrectionInput,
  detailCorrectionInput,
  noteInput,
  offerInput,
  reReferInput,
} from "./action-inputs";

const deps = staff.actions;

export const actionRoutes: RouteTable = {
  "GET /api/me": async (_event, member) => json(200, whoAmI(member, staff.policy)),
  "POST /api/cases/{ref}/claim": withBody(claimInput, async (input, event, member) =>
    respond(await takeCase(caseReference(event), input, member, deps), 200),
  ),
  "POST /api/cases/{ref}/notes": withBody(noteInput, async (input, event, member) =>
    respond(await addNote(caseReference(event), input, member, deps), 201),
  ),
  "POST /api/cases/{ref}/refer": withBody(reReferInput, async (input, event, member) =>
    respond(await reReferCase(caseReference(event), input, member, deps), 201),
  ),
  "POST /api/cases/{ref}/details": withBody(detailCorrectionInput, async (input, event, member) =>
    respond(await correctDetail(caseReference(event), input, member, deps), 201),
  ),
  "POST /api/cases/{ref}/classification": withBody(
    classificationCorrectionInput,
    async (input, event, member) =>
      respond(await correctClassification(caseReference(event), input, member, deps), 201),
  ),
  "POST /api/cases/{ref}/offers": withBody(offerInput, async (input, event, member) =>
    respond(await agreeOffer(caseReference(event), input, member, deps), 201),
  ),
};

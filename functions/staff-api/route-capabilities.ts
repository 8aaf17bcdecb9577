// Which row of the permissions table (shared/domain/permissions.ts) each staff API route needs. The
// handler checks it before the route runs; the route × group sandbox test drives every route of the
// stack against it, so a route without an entry here fails that test.

import type { Capability } from "../../shared/domain/permissions";

export const ROUTE_CAPABILITIES: Readonly<Record<string, Capability>> = {
  "GET /api/me": "who-am-i",
  "GET /api/cases/{ref}": "read-case",
  "GET /api/cases/{ref}/commitments": "read-case",
  "GET /api/cases/{ref}/attachments/{id}": "read-case",
  "GET /api/cases/{ref}/access": "read-access-log",
  "GET /api/cases": "search",
  "GET /api/search": "search",
  "GET /api/queue": "search",
  "GET /api/complaint-rules": "read-case",
  "GET /api/intake": "read-intake",
  "POST /api/problems": "report-problem",
  "POST /api/cases/{ref}/notes": "add-note",
  "POST /api/cases/{ref}/claim": "take-case",
  "POST /api/cases/{ref}/refer": "re-refer",
  "POST /api/cases/{ref}/details": "correct",
  "POST /api/cases/{ref}/classification": "correct",
  "POST /api/cases/{ref}/offers": "agree-offer",
  "POST /api/cases/{ref}/updates": "send-update",
  "POST /api/cases/{ref}/regulated-letters": "send-regulated-letter",
  "POST /api/cases/{ref}/payment-services": "set-payment-services",
  "POST /api/cases/{ref}/commitments": "record-commitment",
  "POST /api/cases/{ref}/commitments/{id}/kept": "record-commitment",
  "POST /api/cases/{ref}/options": "propose-options",
  "POST /api/cases/{ref}/options/choice": "propose-options",
  "POST /api/cases/{ref}/resolve": "resolve",
  "POST /api/cases/{ref}/close-unresolved": "close-unresolved",
  "GET /api/quarantine": "list-quarantine",
  "POST /api/quarantine/{id}/release": "release-quarantine",
  "GET /api/reports": "reports",
  "GET /api/feedback": "reports",
  "GET /api/reports/complaints-return": "reports",
  "POST /api/data-protection/search": "data-protection",
  "POST /api/data-protection/export": "data-protection",
  "POST /api/data-protection/erase": "data-protection",
  "PUT /api/cases/{ref}/legal-hold": "legal-hold",
  "DELETE /api/cases/{ref}/legal-hold": "legal-hold",
};

// API Gateway (HTTP API, payload 2.0) responses, written once. Error bodies carry a code and a plain
// sentence, never a stack trace or a serialised error.

import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

export function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { "content-type": "application/json; charset=utf-8", ...SECURITY_HEADERS },
    body: JSON.stringify(body),
  };
}

export function errorResponse(statusCode: number, code: string, message: string, extra: object = {}) {
  return json(statusCode, { error: { code, message, ...extra } });
}

/** A CSV file the browser saves as `filename`. */
export function csvDownload(filename: string, body: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      ...SECURITY_HEADERS,
    },
    body,
  };
}

// One Powertools logger per function, seen by the application through the Log port. Messages are short
// lowercase phrases; fields carry ids and reason codes only — never names, addresses or message text.

import { Logger } from "@aws-lambda-powertools/logger";
import type { Log } from "../ports";

export const logger = new Logger();

export const log: Log = {
  info: (message, fields = {}) => logger.info(message, fields),
  warn: (message, fields = {}) => logger.warn(message, fields),
  error: (message, fields = {}) => logger.error(message, fields),
};

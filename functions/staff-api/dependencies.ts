// The staff API's dependencies: its one environment read once, everything built by the composition root
// once per execution environment and shared by every route.

import { staffApi } from "../../shared/adapters/aws/wiring/staff";
import { readEnvironment } from "../../shared/config/environment";
import { staffApiEnvironment } from "../../shared/config/staff-environment";
import type { Route } from "./route";

export const staff = staffApi(readEnvironment(staffApiEnvironment));

/** A route that may write to the customer: the signing keys its letters' links need are loaded first. */
export function writingLetters(route: Route): Route {
  return async (event, member) => {
    await staff.loadLetterKeys();
    return route(event, member);
  };
}

import type { RestAnswer } from "../context";

/** What a route the twin cannot serve answers: 502 with a JSON message saying why. */
export function notServedHere(what: string): RestAnswer {
  return {
    status: 502,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ error: "not_served_locally", message: `the local twin cannot serve this ${what}` }),
    errorMessage: "not served locally",
    errorType: "INTEGRATION_FAILURE",
  };
}

/** A private integration (a backend, or an HTTP proxy through a VPC link): out of the twin's reach. */
export const vpcLink = (): RestAnswer => notServedHere("private (VPC link) integration");

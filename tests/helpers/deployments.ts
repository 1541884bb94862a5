import type { RecordedResource } from "./mocks";

/** What the mocks' recorder and a captured stack both answer. */
interface Recorded {
  get(type: string, name: string): RecordedResource;
}

/** The REST API component named `api` (or `name`), whose inputs record the release plan. */
export function restApiComponent(rec: Recorded, name = "api"): RecordedResource {
  return rec.get("gateway:rest-api:RestApi", name);
}

/** The deployment of the release the config makes: `<name>-deployment-<release id>`. */
export function currentDeployment(rec: Recorded, name = "api"): RecordedResource {
  const releaseId = restApiComponent(rec, name).inputs.releaseId as string;
  return rec.get("aws:apigateway/deployment:Deployment", `${name}-deployment-${releaseId}`);
}

import type { MockRecorder, RecordedResource } from "./mocks";

/** The REST API component named `api` (or `name`), whose inputs record the release plan. */
export function restApiComponent(rec: MockRecorder, name = "api"): RecordedResource {
  return rec.get("gateway:rest-api:RestApi", name);
}

/** The deployment of the release the config makes: `<name>-deployment-<release id>`. */
export function currentDeployment(rec: MockRecorder, name = "api"): RecordedResource {
  const releaseId = restApiComponent(rec, name).inputs.releaseId as string;
  return rec.get("aws:apigateway/deployment:Deployment", `${name}-deployment-${releaseId}`);
}

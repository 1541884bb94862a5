/** Route keys and their checks live in config/shared (the stack configuration checks them too). */
export { routeKey, routeProblems, routeResourceName } from "../../config/shared/http-api-routes";

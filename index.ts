import { createApp } from "./app";
import { loadStackConfig } from "./config/load";

const app = createApp(loadStackConfig());

export const restApiId = app.restApiId;
export const invokeUrls = app.invokeUrls;
export const tableNames = app.tableNames;
export const functionArns = app.functionArns;
export const aliasArns = app.aliasArns;

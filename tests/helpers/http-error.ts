import { HttpError } from "../../functions/shared/http";

/** The HttpError `fn` throws, as plain data; fails when it throws nothing or something else. */
export function httpErrorOf(fn: () => unknown): { status: number; code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected an HttpError");
}

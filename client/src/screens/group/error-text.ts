// A failed request in the server's words, for the library's messages.
import { ApiError } from "../../api/http.ts";

export const errorText = (error: unknown) =>
  error instanceof ApiError ? error.message : "Something went wrong.";

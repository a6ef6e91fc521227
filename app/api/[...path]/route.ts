import { AppError } from "@/lib/http/errors";
import { handle } from "@/lib/http/respond";

// Any /api/ path no route answers: the contract's JSON error rather than the HTML 404
// page, for every method, so that a script with a typo in its URL reads why.
const notFound = handle(async (req) => {
  throw new AppError("not_found", `no API endpoint ${new URL(req.url).pathname}; see the API section of the README`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };

/** An HTTP error answer, shaped as Discord shapes it: `{ message, code }` (+ `errors` for 50035). */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
    this.name = 'RestError';
  }
}

const error = (status: number, message: string, code: number) =>
  new RestError(status, { message, code });

export const unauthorized = () => error(401, '401: Unauthorized', 0);
export const notFound = () => error(404, '404: Not Found', 0);
export const methodNotAllowed = () => error(405, '405: Method Not Allowed', 0);
export const invalidApiVersion = () => error(400, 'Invalid API version', 50041);
export const invalidJson = () => error(400, 'The request body contains invalid JSON.', 50109);
export const unknownChannel = () => error(404, 'Unknown Channel', 10003);
export const unknownGuild = () => error(404, 'Unknown Guild', 10004);
export const unknownMember = () => error(404, 'Unknown Member', 10007);
export const unknownMessage = () => error(404, 'Unknown Message', 10008);
export const unknownUser = () => error(404, 'Unknown User', 10013);
export const unknownVoiceState = () => error(404, 'Unknown Voice State', 10065);
export const missingAccess = () => error(403, 'Missing Access', 50001);
export const missingPermissions = () => error(403, 'Missing Permissions', 50013);
export const cannotEditOthersMessage = () =>
  error(403, 'Cannot edit a message authored by another user', 50005);
export const bulkDeleteTooOld = () =>
  error(400, 'You can only bulk delete messages that are under 14 days old', 50034);
export const emptyMessage = () => error(400, 'Cannot send an empty message', 50006);
export const nonTextChannel = () => error(400, 'Cannot send messages in a non-text channel', 50008);

/** One field problem inside a 50035 "Invalid Form Body" answer. */
export interface FieldError {
  /** Dotted path into the body, e.g. `name` or `embeds.0.title`. */
  path: string;
  code: string;
  message: string;
}

/** 400 Invalid Form Body with Discord's nested `errors` object (`{ name: { _errors: [...] } }`). */
export function invalidFormBody(problems: FieldError[]): RestError {
  const errors: Record<string, unknown> = {};
  for (const problem of problems) {
    let node = errors;
    for (const key of problem.path.split('.')) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node._errors ??= [];
    (node._errors as unknown[]).push({ code: problem.code, message: problem.message });
  }
  return new RestError(400, { message: 'Invalid Form Body', code: 50035, errors });
}

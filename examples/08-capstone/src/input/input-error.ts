// A client mistake the API reports as-is: Fastify sends `statusCode` and our message to the caller.
export type InputStatus = 400 | 413 | 415;

export class InputError extends Error {
  readonly statusCode: InputStatus;

  constructor(statusCode: InputStatus, message: string) {
    super(message);
    this.name = 'InputError';
    this.statusCode = statusCode;
  }
}

export const UNSUPPORTED_CONTENT_TYPE =
  'Unsupported Content-Type. Send JSON {"email", "text"} or a multipart form with fields "email" and "file".';

/** A multipart body the form parser could not read (no boundary, cut short, a broken part header). */
export function unreadableForm(reason: string): string {
  return (
    `The multipart form could not be read (${reason}). Send it as multipart/form-data with fields "email" and ` +
    '"file", as curl -F or a browser form does.'
  );
}

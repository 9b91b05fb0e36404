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

// What an e-mail provider's API says when we send faster than our plan allows: HTTP 429 Too Many Requests,
// with a Retry-After. The rate-limit exercise's worker must slow the whole queue down when it hears this.
export class TooManyRequests extends Error {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super(`429 Too Many Requests: retry after ${retryAfterMs} ms`);
    this.name = 'TooManyRequests';
    this.retryAfterMs = retryAfterMs;
  }
}

export interface Email {
  to: string;
  subject: string;
}

/** Sends one e-mail through the provider; throws TooManyRequests when the provider wants us to slow down. */
export type SendEmail = (email: Email) => Promise<void>;

// Deliberately simple: one "@", a dot in the domain, no spaces. Whether the mailbox exists only
// the receiving server can tell, so we check the shape and let delivery do the rest.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && EMAIL_SHAPE.test(value);
}

// One plain address, as HTML's <input type="email"> accepts it, with a dot in the domain: no display name
// ("Ada <ada@example.com>"), no list ("a@b.co,c@d.co"), no quotes or comments. The mail library would read
// those forms too and send somewhere else than what was typed, so the address we accept is exactly the one
// the mail goes to. Whether the mailbox exists only the receiving server can tell.
const EMAIL_SHAPE =
  /^[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?)+$/i;

export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && EMAIL_SHAPE.test(value);
}

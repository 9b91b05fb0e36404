// `?ms=` must be a whole number of milliseconds from 1 to 5000; anything else is answered with 400.
export const msQuerySchema = {
  type: 'object',
  required: ['ms'],
  properties: { ms: { type: 'integer', minimum: 1, maximum: 5000 } },
} as const;

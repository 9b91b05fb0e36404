// Every error leaves the API as {"error", "message"}, the message saying what to do next.
// Fastify's own limits keep their status codes; only their wording is made friendlier here.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { UNSUPPORTED_CONTENT_TYPE } from '../input/input-error.ts';
import { MAX_UPLOAD_BYTES } from '../input/limits.ts';

const KIB = MAX_UPLOAD_BYTES / 1024;

const FRIENDLY: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: `The request is larger than ${KIB} KiB. Send less data, or split it into several analyses.`,
  FST_REQ_FILE_TOO_LARGE: `The uploaded file is larger than ${KIB} KiB. Upload a smaller file, or split it into several analyses.`,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: UNSUPPORTED_CONTENT_TYPE,
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The JSON body is empty. Send {"email": "…", "text": "…"}.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON. Send {"email": "…", "text": "…"}.',
  // @fastify/multipart's limits (app.ts) and checks:
  FST_FILES_LIMIT: 'The form has more than one file. Upload one file, as form field "file".',
  FST_FIELDS_LIMIT: 'The form has too many fields. Send only "email" and "file".',
  FST_PARTS_LIMIT: 'The form has too many fields. Send only "email" and "file".',
  FST_PROTO_VIOLATION: 'A form field is named "__proto__" or "constructor". Send only "email" and "file".',
  FST_MP_PREMATURE_CLOSE: 'The upload ended before the whole form arrived. Send it again.',
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
};

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error(error);
    return reply
      .code(500)
      .send({ error: 'Internal Server Error', message: 'Something broke on our side; try again shortly.' });
  }
  const message = (error.code && FRIENDLY[error.code]) ?? error.message;
  return reply.code(status).send({ error: TITLES[status] ?? 'Bad Request', message });
}

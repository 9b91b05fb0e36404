// How much one analysis may carry. Rows travel inside the job data, so keep them small:
// for bigger inputs, store the file elsewhere and put only its address in the job.
export const MAX_UPLOAD_BYTES = 64 * 1024;
export const MAX_ROWS = 500;
export const MAX_ROW_CHARS = 2_000;

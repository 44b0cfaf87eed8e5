// Runs one API call: checks the name, validates the arguments against the contract, runs the handler, and returns errors as data.
import { isUserFacingError } from '../files/errors';
import { nestingExceeds, nfcDeep } from '../text/normalize';
import { API, isCallName, type ApiResult, type CallName, type CallResult } from './contract';
import type { CallContext, Handlers } from './handlers';
import type { Emit, JobRegistry } from './runtime';

/** How deeply arguments may nest (a report is about ten levels deep); deeper is refused as BAD_ARGS. */
export const MAX_ARG_DEPTH = 64;

export interface DispatchOptions {
  jobs?: JobRegistry;
  emit?: Emit;
  /** Receives unexpected errors (bugs) for the log; the renderer only gets a generic message. */
  onInternalError?: (name: string, err: unknown) => void;
}

function describeArgIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Dispatches `name(rawArgs)`. Unknown names and arguments that fail the contract's schema are refused with
 * UNKNOWN_CALL / BAD_ARGS before any handler runs. A UserFacingError becomes `{ code, message }`; any other error
 * becomes INTERNAL with a generic Vietnamese sentence (no stack trace leaves main).
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  rawArgs: unknown,
  opts: DispatchOptions = {},
): Promise<ApiResult<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_CALL', message: `Lệnh “${String(name).slice(0, 60)}” không tồn tại trong ứng dụng.` } };
  }
  const badArgs = (why: string): ApiResult<unknown> => ({
    ok: false,
    error: { code: 'BAD_ARGS', message: `Dữ liệu gửi cho lệnh “${name}” không hợp lệ (${why}).` },
  });
  const raw = rawArgs ?? {};
  // Checked before anything recursive (normalisation, the schema) walks the arguments.
  if (nestingExceeds(raw, MAX_ARG_DEPTH)) return badArgs('dữ liệu lồng nhau quá sâu hoặc tự tham chiếu');
  const schema = API[name].args;
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(nfcDeep(raw));
  } catch {
    // A schema or the normaliser failing on hostile input (not a result of the call) is still bad arguments.
    return badArgs('không đọc được dữ liệu');
  }
  if (!parsed.success) return badArgs(describeArgIssues(parsed.error.issues));
  const args = parsed.data as Record<string, unknown>;
  // `job.cancel` names another call's job; every other call's jobId names its own job.
  const jobId = name !== 'job.cancel' && typeof args.jobId === 'string' ? args.jobId : undefined;
  const ctrl = jobId && opts.jobs ? opts.jobs.start(jobId) : undefined;
  const ctx: CallContext = {};
  if (ctrl) ctx.signal = ctrl.signal;
  if (jobId && opts.emit) {
    const emit = opts.emit;
    ctx.progress = (done, total, label) => emit('progress', { jobId, done, total, label });
  }
  try {
    const handler = handlers[name] as (a: unknown, c: CallContext) => Promise<CallResult<CallName>> | CallResult<CallName>;
    const result = await handler(args, ctx);
    return { ok: true, result };
  } catch (err) {
    if (ctrl?.signal.aborted) return { ok: false, error: { code: 'CANCELLED', message: 'Đã hủy thao tác.' } };
    if (isUserFacingError(err)) return { ok: false, error: { code: err.code, message: err.message } };
    opts.onInternalError?.(name, err);
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Đã xảy ra lỗi không mong muốn; dữ liệu đã lưu không bị ảnh hưởng. Hãy thử lại, nếu vẫn lỗi hãy khởi động lại ứng dụng.',
      },
    };
  } finally {
    if (jobId && ctrl && opts.jobs) opts.jobs.finish(jobId, ctrl);
  }
}

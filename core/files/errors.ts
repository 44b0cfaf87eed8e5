// The base class of every error whose message is meant for the clerk (in Vietnamese), with a stable code for programs.

/**
 * An error the app may show as is: `message` is a complete Vietnamese sentence telling the clerk what happened and
 * what to do; `code` is a stable upper-case identifier (e.g. "FILE_LOCKED") for programs, tests and IPC.
 * Any other Error reaching the UI is a bug and is shown as a generic failure.
 */
export class UserFacingError extends Error {
  code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserFacingError';
    this.code = code;
  }
}

/** True for UserFacingError and its subclasses (FileLockedError, FileWriteError, …). */
export function isUserFacingError(err: unknown): err is UserFacingError {
  return err instanceof UserFacingError;
}

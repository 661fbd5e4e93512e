import type { Command } from 'commander';
import { AppContext } from '../context.js';
import { MarsadError, errorMessage } from '../errors.js';

/** Thrown by commands to end with a given exit code after printing their own output. */
export class ExitCodeError extends MarsadError {
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
  }
}

/** Global options every command accepts (declared on the root program). */
export interface GlobalOptions {
  db?: string;
}

export const globalOptions = (cmd: Command): GlobalOptions => cmd.optsWithGlobals<GlobalOptions>();

/** Builds the AppContext for a command (honouring `--db`), runs `fn`, and always releases it. */
export const withContext = async <T>(cmd: Command, fn: (ctx: AppContext) => Promise<T>): Promise<T> => {
  const { db } = globalOptions(cmd);
  const ctx = await AppContext.fromEnv(db !== undefined ? { db } : {});
  try {
    return await fn(ctx);
  } finally {
    await ctx.destroy();
  }
};

export const formatCliError = (err: unknown): string => {
  if (
    err instanceof MarsadError &&
    err.details &&
    typeof err.details['field'] === 'string' &&
    !err.message.includes(String(err.details['field']))
  ) {
    return `${err.details['field']}: ${err.message}`;
  }
  return errorMessage(err);
};

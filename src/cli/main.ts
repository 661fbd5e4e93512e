import { Command, CommanderError } from 'commander';
import { registerBankCommand } from './commands/bank.js';
import { registerCampaignsCommand } from './commands/campaigns.js';
import { registerClassifyCommand } from './commands/classify.js';
import { registerDetectCommand } from './commands/detect.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerEvaluateCommand } from './commands/evaluate.js';
import { registerHashCommand } from './commands/hash.js';
import { registerIngestCommand } from './commands/ingest.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerModelCommand } from './commands/model.js';
import { registerQuarantineCommand } from './commands/quarantine.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerTrainCommand } from './commands/train.js';
import { registerKeysCommand } from './commands/keys.js';
import { registerServeCommand } from './commands/serve.js';
import { registerStartCommand } from './commands/start.js';
import { registerWorkerCommand } from './commands/worker.js';
import { ExitCodeError, formatCliError } from './context.js';

// Each command lives in src/cli/commands/<name>.ts and exports `register<Name>Command(program)`.
// Only commands that work are registered.
const COMMANDS: Array<(program: Command) => void> = [
  registerMigrateCommand,
  registerIngestCommand,
  registerQuarantineCommand,
  registerDetectCommand,
  registerCampaignsCommand,
  registerTrainCommand,
  registerEvalCommand,
  registerModelCommand,
  registerClassifyCommand,
  registerSimulateCommand,
  registerEvaluateCommand,
  registerHashCommand,
  registerBankCommand,
  registerServeCommand,
  registerStartCommand,
  registerWorkerCommand,
  registerKeysCommand,
];

export const buildProgram = (): Command => {
  const program = new Command('marsad')
    .description('Marsad (مرصد): find and act on extremist activity on social media, Arabic first')
    .version('0.1.0')
    .option('--db <path>', 'SQLite file to use (default ./marsad.db, or MARSAD_DB_URL)')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
};

/** Runs the CLI and resolves to the exit code (no process.exit here, so it can be tested in-process). */
export const main = async (argv: string[]): Promise<number> => {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ExitCodeError) {
      if (err.message) process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`marsad: ${formatCliError(err)}\n`);
    return 1;
  }
};

// Run directly with tsx in development and tests: `tsx src/cli/main.ts …`.
if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv);
}

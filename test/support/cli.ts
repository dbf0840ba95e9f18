import { spawn } from 'node:child_process';
import path from 'node:path';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BIN = path.resolve('bin/hindsight.js');

/**
 * Runs the built `hindsight` command as a child process (`npm test` builds first). `env` is added
 * to a clean copy of the environment; DATABASE_URL is removed unless given.
 */
export function runHindsight(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 120_000): Promise<CliResult> {
  return runProgram(process.execPath, [BIN, ...args], env, timeoutMs);
}

/** Runs `program` as runHindsight runs the command: a clean copy of the environment plus `env`, without DATABASE_URL unless given. */
export function runProgram(program: string, args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 120_000): Promise<CliResult> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

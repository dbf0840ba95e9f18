import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export interface ServiceProcess {
  child: ChildProcessWithoutNullStreams;
  /** Base URL, read from the "listening on" log line. */
  url: string;
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the built service (`node dist/src/main.js`, what `npm start` runs) and waits until it listens. */
export function startService(env: Record<string, string>, timeoutMs = 60_000): Promise<ServiceProcess> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, [path.resolve('dist/src/main.js')], {
    env: { ...base, PORT: '0', EMBEDDED_PG_PORT: '0', LOG_FORMAT: 'text', NO_COLOR: '1', REPORT_CRON: 'off', ...env },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`service did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          child,
          url: match[1],
          output: () => output,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before listening:\n${output}`));
    });
  });
}

export interface ServiceExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built service expecting it to fail at start-up; resolves with its exit code and output (SIGKILLed after timeoutMs). */
export function runServiceToExit(env: Record<string, string>, timeoutMs = 60_000): Promise<ServiceExit> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const child = spawn(process.execPath, [path.resolve('dist/src/main.js')], {
    env: { ...base, PORT: '0', EMBEDDED_PG_PORT: '0', LOG_FORMAT: 'text', NO_COLOR: '1', REPORT_CRON: 'off', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

import { jest } from '@jest/globals';

// Integration and e2e tests start databases, servers and child processes: on a busy 2-core
// machine that takes seconds, not Jest's default 5.
jest.setTimeout(120_000);

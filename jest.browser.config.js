/** Browser tests: the built service driven through headless Chromium (`npm run test:browser`). */
import base from './jest.config.js';

const common = base.projects.find((project) => project.displayName === 'e2e');

export default {
  projects: [{ ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.spec.ts'] }],
};

import { mostSevere } from './severity-peak.js';

const SEV1 = { id: 'sev1', rank: 1 };
const SEV2 = { id: 'sev2', rank: 2 };
const SEV3 = { id: 'sev3', rank: 3 };
const OTHER_SEV2 = { id: 'other-sev2', rank: 2 };

describe('mostSevere', () => {
  it.each([
    ['one level', [SEV2], SEV2],
    ['a more severe later candidate wins', [SEV3, SEV1], SEV1],
    ['a less severe later candidate does not', [SEV1, SEV3], SEV1],
    ['nulls and undefined are skipped', [SEV2, null, undefined, SEV3], SEV2],
    ['on a tie the first wins', [SEV2, OTHER_SEV2], SEV2],
    ['an update never lowers the peak so far', [SEV3, null, SEV1], SEV1],
  ])('%s', (_name, [first, ...others], expected) => {
    expect(mostSevere(first!, ...others)).toBe(expected);
  });
});

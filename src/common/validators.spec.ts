import { REFERENCE_NAME } from './validators.js';

describe('REFERENCE_NAME', () => {
  it.each(['Payments', 'payments-api', 'Site Reliability', 'Stripe (EU)', 'a', 'Café & Bar', '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b-v2'])('accepts %j', (name) => {
    expect(REFERENCE_NAME.test(name)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['only a space', ' '],
    ['a leading space', ' Payments'],
    ['a trailing space', 'Payments '],
    ['a trailing newline', 'Payments\n'],
    ['a comma', 'Payments, EU'],
    ['a uuid', '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b'],
    ['an upper-case uuid', '6F1C2B3A-4D5E-4F60-8A7B-9C0D1E2F3A4B'],
  ])('refuses %s', (_name, name) => {
    expect(REFERENCE_NAME.test(name)).toBe(false);
  });
});

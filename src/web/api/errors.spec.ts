import { ApiError, formErrorsOf, type ErrorBody } from './errors';

const refused = (status: number, body: Partial<ErrorBody>) =>
  new ApiError(status, { statusCode: status, error: 'Error', code: 'SOME_CODE', message: 'the whole message', ...body });

describe('formErrorsOf: the API\'s refusals as a form shows them', () => {
  it.each([
    [
      '400 field list: each field of the form gets its problems and what was typed',
      refused(400, { errors: [{ field: 'month', value: '2026-13', problems: ['month must be a month in YYYY-MM form'] }] }),
      ['month'],
      { fields: { month: 'month must be a month in YYYY-MM form (you entered "2026-13")' }, form: undefined },
    ],
    [
      '400 about a password: the value is never echoed',
      refused(400, { errors: [{ field: 'newPassword', value: '***', problems: ['must be at least 12 characters long (it has 9)'] }] }),
      ['newPassword'],
      { fields: { newPassword: 'must be at least 12 characters long (it has 9)' }, form: undefined },
    ],
    [
      '422 naming one field',
      refused(422, { code: 'MONTH_NOT_OVER', message: 'month: "2099-01" has not ended yet', field: 'month' }),
      ['month'],
      { fields: { month: 'month: "2099-01" has not ended yet' }, form: undefined },
    ],
    [
      '422 MILESTONE_ORDER: both fields',
      refused(422, { code: 'MILESTONE_ORDER', message: 'detectedAt is before startedAt', earlier: { field: 'startedAt' }, later: { field: 'detectedAt' } }),
      ['startedAt', 'detectedAt'],
      { fields: { startedAt: 'detectedAt is before startedAt', detectedAt: 'detectedAt is before startedAt' }, form: undefined },
    ],
    [
      'a field the form does not have goes to the form',
      refused(400, { errors: [{ field: 'regenerate', value: 'yes', problems: ['regenerate must be true or false'] }] }),
      ['month'],
      { fields: {}, form: 'the whole message' },
    ],
    [
      'beside a field it has, the rest is said for the form',
      refused(400, {
        errors: [
          { field: 'month', value: 'x', problems: ['bad month'] },
          { field: 'other', value: 1, problems: ['bad other'] },
        ],
      }),
      ['month'],
      { fields: { month: 'bad month (you entered "x")' }, form: 'other: bad other' },
    ],
    ['409 of another code, without a field: the form', refused(409, { code: 'ALREADY_EXISTS', message: 'already exists' }), ['month'], { fields: {}, form: 'already exists' }],
    [
      '409 put beside a field by its code',
      refused(409, { code: 'REPORT_IN_PROGRESS', message: 'month: "2026-10" is being generated right now' }),
      ['month'],
      { fields: { month: 'month: "2026-10" is being generated right now' }, form: undefined },
    ],
    ['not an API error: the service could not be reached', new TypeError('Failed to fetch'), ['month'], { fields: {}, form: 'The service could not be reached: Failed to fetch' }],
  ])('%s', (_case, error, formFields, expected) => {
    expect(formErrorsOf(error, formFields, { REPORT_IN_PROGRESS: 'month' })).toEqual(expected);
  });
});

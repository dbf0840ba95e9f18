import { REPORT_STEPS, reportProgress } from './report-progress.js';

describe('reportProgress', () => {
  it('places every step in order, 1-based, out of all of them', () => {
    expect(REPORT_STEPS.map((step) => reportProgress(step).index)).toEqual(REPORT_STEPS.map((_, i) => i + 1));
    expect(reportProgress('figures')).toEqual({ step: 'figures', index: 1, steps: 10, rows: 0, text: 'figures' });
  });

  it("takes a list's or a sheet's longer name as its step, with its rows", () => {
    expect(reportProgress('Action items (open)', 1500)).toEqual({ step: 'Action items', index: 7, steps: 10, rows: 1500, text: 'Action items (open): 1,500 rows' });
    expect(reportProgress('Trends (6 charts)')).toMatchObject({ step: 'Trends', index: 4, text: 'Trends (6 charts)' });
    expect(reportProgress('Incidents', 12000)).toMatchObject({ step: 'Incidents', index: 5, text: 'Incidents: 12,000 rows' });
  });

  it('refuses a name that is no step (a sheet added without a step would show no progress)', () => {
    expect(() => reportProgress('Incidentsx')).toThrow('unknown report step "Incidentsx"');
    expect(() => reportProgress('Appendix')).toThrow('unknown report step "Appendix"');
  });
});

import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { dataOf } from '../../../api/errors';
import type { components } from '../../../api/schema';

export type Report = components['schemas']['ReportDto'];
export type ReportDetail = components['schemas']['ReportDetailDto'];

const REPORTS_KEY = ['reports'] as const;
const PAGE_SIZE = 50;

/** GET /api/v1/reports, newest first, a page at a time (the API's cursor). */
export function useReports() {
  return useInfiniteQuery({
    queryKey: REPORTS_KEY,
    queryFn: async ({ pageParam }) =>
      dataOf(await api.GET('/api/v1/reports', { params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Where a completed report's workbook downloads from (the browser sends the session cookie). */
export const downloadUrl = (report: Pick<Report, 'id'>) => `/api/v1/reports/${encodeURIComponent(report.id)}/download`;

/** POST /api/v1/reports (admin): generates the month in the request; `generated` is false when the month's completed report came back as it was. */
export function useGenerateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { month: string; regenerate: boolean }) => {
      const result = await api.POST('/api/v1/reports', { body });
      return { report: dataOf(result), generated: result.response.status === 201 };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: REPORTS_KEY }),
  });
}

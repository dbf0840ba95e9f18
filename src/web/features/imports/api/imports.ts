import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { dataOf } from '../../../api/errors';
import type { components } from '../../../api/schema';
import { importFields, type ImportChoices } from '../lib/import-options';

export type ImportRun = components['schemas']['ImportDto'];
export type ImportDetail = components['schemas']['ImportDetailDto'];
export type ImportIssue = components['schemas']['ImportIssueDto'];

const IMPORTS_KEY = ['imports'] as const;
const PAGE_SIZE = 25;
/** How often a running import is asked for its progress. */
export const POLL_MS = 1000;

/** GET /api/v1/imports, newest first, a page at a time; asked again every second while one is running. */
export function useImports() {
  return useInfiniteQuery({
    queryKey: [...IMPORTS_KEY, 'list'],
    queryFn: async ({ pageParam }) =>
      dataOf(await api.GET('/api/v1/imports', { params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some((run) => run.status === 'running')) ? POLL_MS : false),
  });
}

/** GET /api/v1/imports/{id}: status, counts and the first issues; polled while the import runs (the list is asked again once it ends). */
export function useImportRun(id: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [...IMPORTS_KEY, 'run', id],
    enabled: id !== undefined,
    queryFn: async () => {
      const run = dataOf(await api.GET('/api/v1/imports/{id}', { params: { path: { id: id! } } }));
      if (run.status !== 'running') void queryClient.invalidateQueries({ queryKey: [...IMPORTS_KEY, 'list'] });
      return run;
    },
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
  });
}

/** GET /api/v1/imports/{id}/issues: every rejected, flagged and shortened record, in file order, a page at a time. */
export function useImportIssues(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...IMPORTS_KEY, 'issues', id],
    enabled,
    queryFn: async ({ pageParam }) =>
      dataOf(await api.GET('/api/v1/imports/{id}/issues', { params: { path: { id }, query: { limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Where an import's rejected records download from, in the file's own format (the browser sends the session cookie). */
export const rejectedUrl = (run: Pick<ImportRun, 'id'>) => `/api/v1/imports/${encodeURIComponent(run.id)}/rejected`;

/** POST /api/v1/imports (admin): uploads the file (without one, the API says it is required) with the chosen options (multipart); 202 with the import, which runs in the background. */
export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, choices, dryRun }: { file: File | null; choices: ImportChoices; dryRun: boolean }) => {
      const form = new FormData();
      for (const [name, value] of importFields(choices, dryRun)) form.append(name, value);
      if (file) form.append('file', file, file.name);
      // openapi-fetch sends a FormData body as it is (the browser sets the multipart boundary); its type is the form's schema.
      return dataOf(await api.POST('/api/v1/imports', { body: form as unknown as components['schemas']['StartImportDto'] }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...IMPORTS_KEY, 'list'] }),
  });
}

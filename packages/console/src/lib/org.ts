import { useQuery } from '@tanstack/react-query';
import { api, data } from '../api/client';
import type { Lang } from '../i18n';

const hour = 60 * 60_000;

/** Projects in the caller's reach (names for the queue and the intake picker). */
export function useProjects() {
  return useQuery({
    queryKey: ['projects'],
    queryFn: () => data(api.GET('/v1/projects', { params: { query: { limit: 200 } } })),
    staleTime: hour,
    select: (page) => page.data,
  });
}

/** The tenant's departments (责任部门 pickers). */
export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: ['departments'],
    queryFn: () => data(api.GET('/v1/departments', { params: { query: { limit: 200 } } })),
    enabled,
    staleTime: hour,
    select: (p) => p.data,
  });
}

export function useBuildings(projectId: string | undefined) {
  return useQuery({
    queryKey: ['buildings', projectId],
    queryFn: () =>
      data(api.GET('/v1/buildings', { params: { query: { projectId: projectId as string, limit: 200 } } })),
    enabled: Boolean(projectId),
    staleTime: hour,
    select: (page) => page.data,
  });
}

export function useUnits(projectId: string | undefined, buildingId: string | undefined) {
  return useQuery({
    queryKey: ['units', projectId, buildingId],
    queryFn: () =>
      data(
        api.GET('/v1/units', {
          params: { query: { projectId: projectId as string, buildingId: buildingId as string, limit: 200 } },
        }),
      ),
    enabled: Boolean(projectId && buildingId),
    staleTime: hour,
    select: (page) => page.data,
  });
}

export interface CategoryOption {
  value: string;
  label: string;
  children?: CategoryOption[];
}

interface CategoryNode {
  code: string;
  labels: { 'zh-CN': string; en: string };
  children?: CategoryNode[];
}

/** The tenant's category tree (case settings), labelled in the user's language. */
export function useCategories(lang: Lang) {
  return useQuery({
    queryKey: ['case-settings'],
    queryFn: () => data(api.GET('/v1/settings/cases')),
    staleTime: hour,
    select: (settings) => {
      const tree = ((settings as { categories?: CategoryNode[] }).categories ?? []) as CategoryNode[];
      const labels = new Map<string, string>();
      const walk = (nodes: CategoryNode[]): CategoryOption[] =>
        nodes.map((n) => {
          labels.set(n.code, n.labels[lang] ?? n.code);
          return {
            value: n.code,
            label: n.labels[lang] ?? n.code,
            ...(n.children && { children: walk(n.children) }),
          };
        });
      const options = walk(tree);
      return { options, label: (code: string) => labels.get(code) ?? code };
    },
  });
}

/** Rendering for component tests: the app's providers (language, query cache, session) and a router. */
import { render, type RenderResult } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProviders } from './App';
import { createQueryClient } from './api/query-client';
import { I18nProvider } from './i18n';

export interface Rendered extends RenderResult {
  client: QueryClient;
  router: ReturnType<typeof createMemoryRouter>;
}

/**
 * Renders `ui` at `path` inside the providers the app uses (or, with `routes`, those routes instead), with
 * a fresh query cache unless one is passed (to keep it across renders).
 */
export function renderWithApp(
  ui: ReactNode,
  {
    path = '/',
    routes = [{ path: '*', element: ui }],
    client = createQueryClient(),
    lang = 'en',
  }: { path?: string; routes?: RouteObject[]; client?: QueryClient; lang?: 'en' | 'da' } = {},
): Rendered {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <I18nProvider lang={lang}>
      <AppProviders client={client}>
        <RouterProvider router={router} />
      </AppProviders>
    </I18nProvider>,
  );
  return { ...result, client, router };
}

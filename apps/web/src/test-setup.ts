import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// findBy*/waitFor wait this long: the component tests drive a real service on a shared, loaded machine.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  // Tests in the node environment (e.g. src/api/schema.test.ts) have no DOM.
  if (typeof window === 'undefined') return;
  cleanup();
  window.localStorage.clear();
  window.sessionStorage.clear();
});

import './polyfills'; // must run before react-dom is evaluated
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// The CI machine has two shared cores and jsdom's first render in a fresh worker can take most
// of a second: findBy*/waitFor get 5 s instead of the default 1 s before they give up.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});

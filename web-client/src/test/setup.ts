// Runs before every component test file.
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor give up after 1 s by default, which a busy CI machine can exceed on a first render;
// they return as soon as their condition holds, so a longer budget costs nothing when things are fast.
configure({ asyncUtilTimeout: 5_000 });

// Testing Library unmounts after each test by itself only when the test API is global; it is not here.
afterEach(() => cleanup());

// Runs before every component test file.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library unmounts after each test by itself only when the test API is global; it is not here.
afterEach(() => cleanup());

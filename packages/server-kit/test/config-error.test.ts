import { describe, expect, it } from 'vitest';
import { ConfigError } from '@taskboard/server-kit';

describe('ConfigError', () => {
  it('lists every problem and says where the variables are documented', () => {
    const error = new ConfigError(['PORT: must be a number', 'LOG_LEVEL: unknown level'], '.env.example');
    expect(error.name).toBe('ConfigError');
    expect(error.issues).toEqual(['PORT: must be a number', 'LOG_LEVEL: unknown level']);
    expect(error.message).toBe(
      'Invalid configuration (2 problems):\n  - PORT: must be a number\n  - LOG_LEVEL: unknown level\n' +
        'See .env.example for every variable and its default.',
    );
  });
});

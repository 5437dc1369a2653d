// @vitest-environment jsdom
import { getConfig } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ASYNC_UTIL_TIMEOUT_MS } from '../support/vitestSetup';

describe('the unit-test setup', () => {
  it('gives findBy… and waitFor the generous timeout, in the copy Testing Library for React uses', () => {
    expect(ASYNC_UTIL_TIMEOUT_MS).toBeGreaterThan(1000);
    expect(getConfig().asyncUtilTimeout).toBe(ASYNC_UTIL_TIMEOUT_MS);
  });
});

// "Largest model kept loaded (MB)" stops at 256 GB (262,144 MB), not at a terabyte: the host's request
// schema refuses more, and the Settings form offers the same range.
import { describe, expect, it } from 'vitest';
import { largestKeptModelMegabytes, requestSchemas } from '#shared/ipc/schemas.ts';

describe('settings:update localModelMemoryLimitMegabytes', () => {
  const schema = requestSchemas['settings:update'];

  it('accepts 64 MB to 256 GB', () => {
    expect(largestKeptModelMegabytes).toBe(262_144);
    expect(schema.safeParse({ localModelMemoryLimitMegabytes: 64 }).success).toBe(true);
    expect(schema.safeParse({ localModelMemoryLimitMegabytes: 262_144 }).success).toBe(true);
  });

  it('refuses a terabyte and anything below 64 MB', () => {
    expect(schema.safeParse({ localModelMemoryLimitMegabytes: 1_048_576 }).success).toBe(false);
    expect(schema.safeParse({ localModelMemoryLimitMegabytes: 262_145 }).success).toBe(false);
    expect(schema.safeParse({ localModelMemoryLimitMegabytes: 63 }).success).toBe(false);
  });
});

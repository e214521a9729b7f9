import { afterEach, describe, expect, it, vi } from 'vitest';
import { scheduleMaintenance } from './serve.ts';

describe('the embedded database’s upkeep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a quarter of an hour after the start, then daily, logs its outcome, and stops when told', async () => {
    vi.useFakeTimers();
    const logger = { info: vi.fn(), error: vi.fn() };
    const maintain = vi.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('disk full'));
    const stop = scheduleMaintenance(maintain, logger);
    await vi.advanceTimersByTimeAsync(14 * 60 * 1000);
    expect(maintain).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60 * 1000);
    expect(maintain).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.objectContaining({ ms: expect.any(Number) }),
      'database maintenance done',
    );
    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    expect(maintain).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenCalledWith({ err: new Error('disk full') }, 'database maintenance failed');
    stop();
    await vi.advanceTimersByTimeAsync(48 * 60 * 60 * 1000);
    expect(maintain).toHaveBeenCalledTimes(2);
  });

  it('is nothing to do on PostgreSQL, whose autovacuum does it', () => {
    const logger = { info: vi.fn(), error: vi.fn() };
    expect(() => scheduleMaintenance(undefined, logger)()).not.toThrow();
    expect(logger.info).not.toHaveBeenCalled();
  });
});

import { jest } from '@jest/globals';
import { retryOnDeadlock } from './retry.js';

const deadlock = () => Object.assign(new Error('deadlock detected'), { driverError: { code: '40P01' } });

describe('retryOnDeadlock', () => {
  it('runs the work again after a deadlock', async () => {
    const work = jest
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(deadlock())
      .mockResolvedValueOnce('done');
    await expect(retryOnDeadlock(work)).resolves.toBe('done');
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('gives up after the last attempt', async () => {
    const work = jest.fn<() => Promise<string>>().mockRejectedValue(deadlock());
    await expect(retryOnDeadlock(work, 2)).rejects.toThrow('deadlock');
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('never retries other errors', async () => {
    const work = jest.fn<() => Promise<string>>().mockRejectedValue(new Error('conflict'));
    await expect(retryOnDeadlock(work)).rejects.toThrow('conflict');
    expect(work).toHaveBeenCalledTimes(1);
  });
});

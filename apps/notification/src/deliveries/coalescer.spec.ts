import { Coalescer } from './coalescer.js';

describe(Coalescer.name, () => {
  it('writes a lone call at once and the calls made meanwhile together in the next batch', async () => {
    const batches: number[][] = [];
    const c = new Coalescer<number, number>(async (items) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((i) => i * 10);
    });
    const first = c.submit(1);
    const rest = [c.submit(2), c.submit(3), c.submit(4)];
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('fails every call of a batch whose write failed, and goes on with the next', async () => {
    let calls = 0;
    const c = new Coalescer<number, number>(async (items) => {
      calls++;
      if (calls === 1) throw new Error('down');
      return items;
    });
    const failed = c.submit(1);
    await expect(failed).rejects.toThrow('down');
    expect(await c.submit(2)).toBe(2);
  });

  it('splits batches at the maximum size', async () => {
    const batches: number[][] = [];
    const c = new Coalescer<number, number>(async (items) => (batches.push(items), items), 2);
    await Promise.all([c.submit(1), c.submit(2), c.submit(3), c.submit(4), c.submit(5)]);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });
});

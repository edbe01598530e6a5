import { IDS_PER_STATEMENT, readInBatches } from './in-batches';

describe('readInBatches', () => {
  it('asks for each distinct id once, at most IDS_PER_STATEMENT a statement, and keeps the statements in order', async () => {
    const ids = Array.from({ length: 1203 }, (_, i) => `id${i % 1201}`); // two repeated
    const asked: string[][] = [];
    const rows = await readInBatches(ids, async (batch) => {
      asked.push(batch);
      return batch.map((id) => ({ id }));
    });
    expect(asked.map((b) => b.length)).toEqual([IDS_PER_STATEMENT, IDS_PER_STATEMENT, 201]);
    expect(new Set(asked.flat()).size).toBe(1201);
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 1201 }, (_, i) => `id${i}`));
  });
  it('makes no statement for no ids', async () => {
    const read = jest.fn(async () => []);
    await expect(readInBatches([], read)).resolves.toEqual([]);
    expect(read).not.toHaveBeenCalled();
  });
});

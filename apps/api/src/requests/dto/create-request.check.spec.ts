import * as fc from 'fast-check';
import type { ArgumentMetadata } from '@nestjs/common';
import { InputValidationPipe } from '../../common/validation.pipe';
import { plainCreateRequest } from './create-request.check';
import { CreateRequestDto } from './request.dto';

const BODY: ArgumentMetadata = { type: 'body', metatype: CreateRequestDto, data: undefined };
const pipe = new InputValidationPipe();

/** What the pipe makes of `value`: the DTO, or 'refused'. */
async function piped(value: unknown): Promise<unknown> {
  try {
    return await pipe.transform(value, BODY);
  } catch {
    return 'refused';
  }
}

/** Strings near every rule's edge: ids, control characters, NUL, surrogates (paired and lone), long text. */
const text = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    'a',
    'x'.repeat(36),
    'x'.repeat(37),
    'line\nbreak\ttab\r',
    'bell\u0007',
    'nul\u0000',
    'del\u007f',
  ),
  fc.constantFrom('\u2028', 'emoji \u{1F600}', 'lone \uD800', '\uDC00', 'x'.repeat(1999) + '\u{1F600}'),
  fc.constantFrom('x'.repeat(2000), 'x'.repeat(2001), '\u{1F600}'.repeat(36)),
);
const value = fc.oneof(
  text,
  fc.integer({ min: -2, max: 8 }),
  fc.constantFrom(0, 1, 3, 5, 6, 2.5, -0, Number.NaN, null, true, '3', [], {}),
  fc.array(text, { maxLength: 6 }),
  fc.array(fc.oneof(text, fc.constant(null), fc.integer(), fc.array(text, { maxLength: 1 })), { maxLength: 5 }),
);
/** Mostly a well-formed value, now and then anything. */
const mostly = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: good, weight: 5 }, { arbitrary: value as fc.Arbitrary<unknown>, weight: 1 });
const fields = {
  receiverClusterIds: mostly(fc.array(fc.oneof(fc.uuid(), text), { minLength: 1, maxLength: 4 })),
  interest: mostly(fc.integer({ min: 1, max: 5 })),
  note: mostly(fc.oneof(fc.string({ maxLength: 60 }), text)),
  delegateIds: mostly(fc.array(fc.oneof(fc.uuid(), text), { minLength: 1, maxLength: 3 })),
  requesterClusterId: mostly(fc.oneof(fc.uuid(), text)),
};
const others = { ...fields, extra: value, constructor: value };
/** Bodies with the declared fields (each left out, well formed or anything) and now and then another field. */
const body = fc.oneof(
  { arbitrary: fc.record(fields, { requiredKeys: ['receiverClusterIds', 'interest', 'delegateIds'] }), weight: 4 },
  { arbitrary: fc.record(others, { requiredKeys: [] }), weight: 1 },
);

describe('plainCreateRequest (the fast check of a meeting request body)', () => {
  it('takes only what the validation pipe takes, as an equal DTO, on generated bodies', async () => {
    let taken = 0;
    let left = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const fast = plainCreateRequest(JSON.parse(JSON.stringify(b)) as unknown);
        if (fast === undefined) {
          left++;
          return;
        }
        taken++;
        expect(fast).toBeInstanceOf(CreateRequestDto);
        expect(fast).toStrictEqual(await piped(JSON.parse(JSON.stringify(b)) as unknown));
      }),
      { numRuns: 3000, seed: 18 },
    );
    // Both outcomes occur often enough for the comparison to mean something.
    expect(taken).toBeGreaterThan(100);
    expect(left).toBeGreaterThan(100);
  });

  it('takes the bodies delegates send, and gives the pipe what it must name', async () => {
    const ok = {
      receiverClusterIds: ['c2', 'c3'],
      interest: 4,
      note: 'Hydrogen valleys:\n- storage\n- logistics',
      delegateIds: ['d1'],
    };
    const fast = plainCreateRequest(ok);
    expect(fast).toStrictEqual(await piped({ ...ok }));
    // The arrays are copies, as class-transformer's are.
    expect(fast?.receiverClusterIds).not.toBe(ok.receiverClusterIds);
    expect(plainCreateRequest({ ...ok, requesterClusterId: 'c1' })?.requesterClusterId).toBe('c1');

    const refusedByPipe: unknown[] = [
      { ...ok, interest: 6 },
      { ...ok, interest: 2.5 },
      { ...ok, interest: '4' },
      { ...ok, note: null },
      { ...ok, note: 'bell\u0007' },
      { ...ok, note: 'x'.repeat(2001) },
      { ...ok, receiverClusterIds: [] },
      { ...ok, receiverClusterIds: ['a', 'b', 'c', 'd', 'e'] },
      { ...ok, delegateIds: ['d1', 2] },
      { ...ok, requesterClusterId: '' },
      { ...ok, requesterClusterId: 'x'.repeat(37) },
      { ...ok, colour: 'red' },
      { ...ok, note: 'nul\u0000' },
      { ...ok, delegateIds: ['lone \uD800'] },
    ];
    for (const b of refusedByPipe) {
      expect(plainCreateRequest(b)).toBeUndefined();
      expect(await piped(b)).toBe('refused');
    }
    // Left to the pipe although it takes them: lengths with surrogate pairs (the pipe counts a pair as one).
    const pairs = { ...ok, note: '\u{1F600}'.repeat(1500) };
    expect(plainCreateRequest(pairs)).toBeUndefined();
    expect(await piped(pairs)).toBeInstanceOf(CreateRequestDto);
    for (const b of [null, [], 'text', 3]) expect(plainCreateRequest(b)).toBeUndefined();
  });
});

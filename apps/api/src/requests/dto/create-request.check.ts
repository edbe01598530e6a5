import { checkInputShape, CONTROL_CHARS_BUT_LINES } from '../../common/input-rules';
import { CreateRequestDto } from './request.dto';

/** The fields `CreateRequestDto` declares: any other field sends the body to the validation pipe (which refuses it). */
const FIELDS = new Set(['receiverClusterIds', 'interest', 'note', 'delegateIds', 'requesterClusterId']);
/** A UTF-16 surrogate: lengths that hold one are left to the validation pipe, which counts a pair as one character. */
const SURROGATE = /[\uD800-\uDFFF]/;

function strings(v: unknown, min: number, max: number): v is string[] {
  return Array.isArray(v) && v.length >= min && v.length <= max && v.every((s) => typeof s === 'string');
}

/**
 * The body of a delegate's meeting request as `CreateRequestDto`, when it is plainly valid; otherwise undefined, and the
 * global validation pipe decides (and names what is wrong). Creating requests is the write of the 9:00 rush (issue
 * 18), and class-transformer with class-validator cost about an eighth of a creation's CPU time there.
 *
 * It may only ever be stricter than the pipe: whatever it takes, the pipe takes too and turns into an equal DTO
 * (`create-request.check.spec.ts` compares both on generated bodies). So it takes exactly the declared fields with
 * values of exactly the declared types (no `null`), the same limits, strings without surrogates where a length
 * limit applies, and the shape rules every input follows (`checkInputShape`, which the pipe runs first; here last, as
 * the cheaper checks settle most bodies).
 */
export function plainCreateRequest(value: unknown): CreateRequestDto | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (!FIELDS.has(key)) return undefined;
  const { receiverClusterIds, interest, note, delegateIds, requesterClusterId } = v;
  if (!strings(receiverClusterIds, 1, 4) || !strings(delegateIds, 1, 3)) return undefined;
  if (typeof interest !== 'number' || !Number.isInteger(interest) || interest < 1 || interest > 5) return undefined;
  if ('note' in v)
    if (typeof note !== 'string' || note.length > 2000 || SURROGATE.test(note) || CONTROL_CHARS_BUT_LINES.test(note))
      return undefined;
  if ('requesterClusterId' in v)
    if (
      typeof requesterClusterId !== 'string' ||
      requesterClusterId.length < 1 ||
      requesterClusterId.length > 36 ||
      SURROGATE.test(requesterClusterId)
    )
      return undefined;
  try {
    checkInputShape(value, 'body');
  } catch {
    return undefined;
  }
  // As class-transformer builds it: a new instance, then each field the body has, arrays copied.
  const dto = new CreateRequestDto();
  for (const key of Object.keys(v)) {
    const x = v[key];
    (dto as unknown as Record<string, unknown>)[key] = Array.isArray(x) ? [...(x as unknown[])] : x;
  }
  return dto;
}

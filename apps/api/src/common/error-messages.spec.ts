import { ErrorCode } from './errors';
import { formatIcu, MESSAGE_CODES, translateMessage } from './error-messages';
import { fromAcceptLanguage, mailLanguage } from './language';

describe('error messages in the asker language (issue 16)', () => {
  it('formats ICU plurals with the language plural rules', () => {
    const en = '{n, plural, one {# cluster} other {# clusters}}';
    expect(formatIcu(en, { n: 1 }, 'en')).toBe('1 cluster');
    expect(formatIcu(en, { n: 0 }, 'en')).toBe('0 clusters');
    expect(formatIcu(en, { n: 2 }, 'en')).toBe('2 clusters');
    const da = '{name} bruges af {n, plural, =0 {ingen} one {# klynge} other {# klynger}}';
    expect(formatIcu(da, { name: 'X', n: 0 }, 'da')).toBe('X bruges af ingen');
    expect(formatIcu(da, { name: 'X', n: 1 }, 'da')).toBe('X bruges af 1 klynge');
    expect(formatIcu(da, { name: 'X', n: 1500 }, 'da')).toBe('X bruges af 1.500 klynger');
    expect(formatIcu('{missing} stays', {}, 'en')).toBe('{missing} stays');
  });

  it('gives known messages their code and Danish words, with the parameters', () => {
    expect(translateMessage('da', 'must be a time HH:mm', ErrorCode.Validation)).toEqual({
      code: 'time_format',
      message: 'skal være et klokkeslæt TT:mm',
      generic: false,
    });
    expect(translateMessage('da', 'Cluster abc not found', ErrorCode.NotFound).message).toBe('Klyngen abc findes ikke');
    expect(translateMessage('da', 'Only organiser may do this', ErrorCode.Forbidden).message).toBe(
      'Kun arrangører må gøre dette',
    );
    expect(
      translateMessage('da', 'name must be shorter than or equal to 200 characters', ErrorCode.Validation),
    ).toEqual({
      code: 'max_length',
      message: 'må højst være 200 tegn lang',
      generic: false,
    });
    expect(
      translateMessage('da', 'Too many sign-in attempts from your address: try again in 1 s', ErrorCode.TooManyRequests)
        .message,
    ).toBe('For mange loginforsøg fra din adresse: prøv igen om 1 sekund');
  });

  it('fixes English counts too ("1 cluster", not "1 cluster(s)")', () => {
    expect(translateMessage('en', 'The technology "AI" is used by 1 cluster(s)', ErrorCode.Conflict).message).toBe(
      'The technology "AI" is used by 1 cluster',
    );
    expect(translateMessage('en', 'At most 5000 rows per import (got 5001)', ErrorCode.Validation).message).toBe(
      'At most 5000 rows per import (got 5,001 rows)',
    );
  });

  it('answers an unknown message in Danish by its kind, code unknown; English stays as written', () => {
    expect(translateMessage('da', 'Something new went wrong', ErrorCode.Conflict)).toEqual({
      code: 'unknown',
      message: 'Det kan ikke lade sig gøre i den nuværende tilstand',
      generic: true,
    });
    expect(translateMessage('en', 'Something new went wrong', ErrorCode.Conflict)).toEqual({
      code: 'unknown',
      message: 'Something new went wrong',
      generic: false,
    });
  });

  it('has unique codes', () => {
    expect(new Set(MESSAGE_CODES).size).toBe(MESSAGE_CODES.length);
  });

  it('reads Accept-Language by quality, and chooses a mail language in the documented order', () => {
    expect(fromAcceptLanguage('da-DK,da;q=0.9,en;q=0.8')).toBe('da');
    expect(fromAcceptLanguage('de, en;q=0.5')).toBe('en');
    expect(fromAcceptLanguage('da;q=0.2, en-US;q=0.8')).toBe('en');
    expect(fromAcceptLanguage('de, fr')).toBeNull();
    expect(fromAcceptLanguage('da;q=0')).toBeNull();
    expect(fromAcceptLanguage(undefined)).toBeNull();
    expect(mailLanguage({ delegate: 'en', event: 'da', country: 'DK' })).toBe('en');
    expect(mailLanguage({ delegate: null, event: 'da', country: 'DE' })).toBe('da');
    expect(mailLanguage({ delegate: null, event: null, country: 'DK' })).toBe('da');
    expect(mailLanguage({ country: 'SE' })).toBe('en');
  });
});

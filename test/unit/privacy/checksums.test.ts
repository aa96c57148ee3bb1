import { describe, expect, it } from 'vitest';
import {
  isFrenchNirValid,
  isIbanValid,
  isLuhnValid,
  isSpanishIdValid,
  isSsnValid,
  modulo,
  shannonEntropy,
} from '#core/privacy/checksums.ts';

describe('checksums', () => {
  it('Luhn accepts valid card numbers and rejects a changed digit', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('378282246310005')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
  });

  it('IBAN mod-97 checks length per country and the check digits', () => {
    expect(isIbanValid('DE89370400440532013000')).toBe(true);
    expect(isIbanValid('GB82WEST12345698765432')).toBe(true);
    expect(isIbanValid('DE89370400440532013001')).toBe(false); // check digits no longer match
    expect(isIbanValid('DE8937040044053201300')).toBe(false); // one character short for DE
    expect(isIbanValid('XX89370400440532013000')).toBe(false); // no such country
  });

  it('modulo handles numbers longer than a double holds', () => {
    expect(modulo('123456789012345678901234567890', 97)).toBe(Number(123456789012345678901234567890n % 97n));
  });

  it('Spanish DNI and NIE check letters', () => {
    expect(isSpanishIdValid('12345678Z')).toBe(true);
    expect(isSpanishIdValid('12345678A')).toBe(false);
    expect(isSpanishIdValid('X1234567L')).toBe(true);
  });

  it('French NIR key, Corsican departments included', () => {
    const body = '2840775123456';
    const key = String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');
    expect(isFrenchNirValid(body + key)).toBe(true);
    expect(isFrenchNirValid(body + (key === '01' ? '02' : '01'))).toBe(false);
    const corsica = '184022A123456';
    const corsicaKey = String(97 - Number(BigInt(corsica.replace('2A', '19')) % 97n)).padStart(2, '0');
    expect(isFrenchNirValid(corsica + corsicaKey)).toBe(true);
  });

  it('SSN rules exclude never-issued areas, groups and serials', () => {
    expect(isSsnValid('123', '45', '6789')).toBe(true);
    expect(isSsnValid('000', '45', '6789')).toBe(false);
    expect(isSsnValid('666', '45', '6789')).toBe(false);
    expect(isSsnValid('912', '45', '6789')).toBe(false);
    expect(isSsnValid('123', '00', '6789')).toBe(false);
    expect(isSsnValid('123', '45', '0000')).toBe(false);
  });

  it('Shannon entropy is 0 for one symbol and log2(n) for n equally frequent ones', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
  });
});

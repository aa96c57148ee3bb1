import type { Detector } from '../entityTypes.ts';
import { places } from './placeLexicon.ts';
import { priority, propose, scan } from './scan.ts';

const name = String.raw`\p{Lu}[\p{L}'’.-]*`;
// Number first (English-speaking countries, France): "221B Baker Street", "12 rue de la Paix".
const englishPattern = new RegExp(
  String.raw`(?<![\w.,-])\d{1,5}[A-Za-z]?(?:[-/]\d{1,4})?,?[ \t]+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?[ \t]+)?(?:${name}[ \t]+){1,4}?(?:(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Way|Place|Terrace|Close|Crescent|Highway|Parkway|Square|Circle|Trail|Row|Walk|Gardens|Mews|Grove|Broadway|Alley|Plaza)\b|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Hwy|Pkwy|Sq|Cir)\b\.?)(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?`,
  'gu',
);
const frenchPattern = new RegExp(
  String.raw`(?<![\w.,-])\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|quai|route|cours)[ \t]+(?:(?:de la|de l'|du|des|de|d'|la|le|les)[ \t]*)?${name}(?:[ \t]+(?:de la|du|des|de|d'|la|le)?[ \t]*${name}){0,3}`,
  'giu',
);
// Street first (most of Europe and Latin America): "Hauptstraße 12", "Calle Mayor 5", "Via Roma 10a".
const europeanPattern = new RegExp(
  String.raw`(?<![\p{L}\d])(?:\p{Lu}[\p{L}-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|straat|laan|gracht|plein|kade|singel|vej|gade|gatan|vägen|veien|gata|katu|tie)|(?:${name}[ \t]+)?(?:Straße|Strasse|Str\.|Weg|Platz|Allee)|(?:Calle|C/|Avenida|Avda\.|Av\.|Via|Viale|Piazza|Corso|Largo|Rua|Travessa|Carrer|Passeig|Paseo|Plaza|Praça|Ulica|ul\.|Rue)[ \t]+(?:(?:de la|de|del|da|do|dos|das|della|di|des|du)[ \t]+)?${name}(?:[ \t]+(?:(?:de la|de|del|da|do|dos|das|della|di)[ \t]+)?${name}){0,3}),?[ \t]+\d{1,4}[a-zA-Z]?(?:[-/]\d{1,4}[a-zA-Z]?)?(?![\w])`,
  'gu',
);
const poBoxPattern = /\b(?:P\.?[ \t]?O\.?[ \t]?Box|Postfach|Apartado)[ \t]+\d{1,6}\b/gi;
// After the street: a unit, then "City, ST 12345", "12345 City", "City SW1A 1AA" or "City".
const city = String.raw`\p{Lu}[\p{Ll}'’-][\p{L}'’-]*`;
const tailPattern = new RegExp(
  String.raw`(?:,?[ \t]*(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Floor|Fl\.?|#)[ \t]*[\w-]+)?(?:,?[ \t]*\n?[ \t]*(?:(?:\d{4}[ \t]?[A-Z]{2}|\d{2}-\d{3}|\d{4,5}|[A-Z]{1,2}-\d{4,5})[ \t]+${city}(?:[ \t]+${city})?|${city}(?:[ \t]+${city}){0,2}(?:,[ \t]*[A-Z]{2})?(?:[ \t]+(?:\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|\d{4,5}))?))?`,
  'uy',
);

/** Extends a street match over a unit number, a postal code and a city that follow it. */
function withTail(text: string, end: number): number {
  tailPattern.lastIndex = end;
  const match = tailPattern.exec(text);
  if (match === null || match[0].length === 0) return end;
  // A bare capitalised word after a comma is only a city when a postal code or a state follows.
  const tail = match[0];
  const hasCode = /\d|,[ \t]*[A-Z]{2}\b/.test(
    tail.replace(/^,?[ \t]*(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|#)\.?[ \t]*[\w-]+/, ''),
  );
  const hasUnit = /^,?[ \t]*(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|#)/.test(tail);
  const cityName = /\p{Lu}[\p{L}'’ -]*\p{L}/u.exec(tail)?.[0] ?? '';
  if (hasCode || places.has(cityName)) return end + tail.length;
  if (hasUnit)
    return (
      end +
      (/^,?[ \t]*(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Floor|Fl\.?|#)[ \t]*[\w-]+/.exec(tail)?.[0].length ?? 0)
    );
  return end;
}

/** Street addresses in English, French and continental formats, with unit, postal code and city. */
export const addressDetector: Detector = {
  types: ['street_address'],
  detect(text, found) {
    for (const pattern of [englishPattern, frenchPattern, europeanPattern, poBoxPattern]) {
      scan(text, pattern, (match) => {
        const end = withTail(text, match.index + match[0].length);
        propose(found, match.index, end, 'street_address', priority.streetAddress);
      });
    }
  },
};

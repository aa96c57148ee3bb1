import type { Detector } from '../entityTypes.ts';
import { places } from './placeLexicon.ts';
import { priority, propose, scan } from './scan.ts';

const name = String.raw`(?:\p{Lu}[\p{L}'’.-]*|\d{1,3}(?:st|nd|rd|th))`;
// USPS Publication 28 street suffixes (full words) and their common abbreviations.
const suffixWords =
  'Street|Streets|Avenue|Road|Roads|Boulevard|Lane|Drive|Drives|Court|Courts|Way|Ways|Place|Terrace|Close|Crescent|Highway|Parkway|Parkways|Square|Squares|Circle|Circles|Trail|Row|Walk|Walks|Gardens|Garden|Mews|Grove|Groves|Broadway|Alley|Plaza|Loop|Pike|Crossing|Crossroad|Ridge|Ridges|Run|Path|Point|Points|Heights|Ville|Village|Villages|Mission|Port|Ports|Haven|Ranch|Forge|Forges|Estate|Estates|Junction|Junctions|Summit|Valley|Valleys|Meadow|Meadows|Green|Greens|Hill|Hills|Park|Parks|Bridge|Brook|Brooks|Burg|Burgs|Bypass|Camp|Canyon|Cape|Causeway|Center|Centers|Cliff|Cliffs|Club|Common|Commons|Corner|Corners|Course|Cove|Coves|Creek|Crest|Curve|Dale|Dam|Divide|Expressway|Extension|Extensions|Fall|Falls|Ferry|Field|Fields|Flat|Flats|Ford|Fords|Forest|Fork|Forks|Fort|Freeway|Gateway|Glen|Glens|Harbor|Harbors|Hollow|Inlet|Island|Islands|Isle|Key|Keys|Knoll|Knolls|Lake|Lakes|Land|Landing|Light|Lights|Loaf|Lock|Locks|Lodge|Mall|Manor|Manors|Mill|Mills|Motorway|Mount|Mountain|Mountains|Neck|Orchard|Oval|Overpass|Pass|Passage|Pine|Pines|Plain|Plains|Prairie|Radial|Ramp|Rapid|Rapids|Rest|River|Route|Shoal|Shoals|Shore|Shores|Skyway|Spring|Springs|Spur|Spurs|Station|Stravenue|Stream|Throughway|Trace|Track|Trafficway|Tunnel|Turnpike|Underpass|Union|Unions|Viaduct|View|Views|Vista|Wall|Well|Wells|Brow|Fold|Gate|Rise|Vale|Wynd|Chase|Drove|Parade|Approach|Bank|Dene|End|Heath|Nook|Paddock|Pastures|Side|Spinney|Wharf|Yard|Wood|Woods|Croft|Copse|Lea|Leys|Mead|Moor|Quay|Ride|Hollow|Glade|Hey|Ings|Meadows|Lawn|Lawns|Downs|Embankment|Via|Garth|Brae|Kingsway|Gait|Loan|Wynd|Row';
const suffixAbbreviations =
  'St|Ave|Av|Rd|Blvd|Ln|Dr|Ct|Pl|Hwy|Pkwy|Sq|Cir|Ter|Trl|Cres|Pde|Cl|Gdns|Gr|Crt|Expy|Fwy|Tpke|Xing';
// Number first (English-speaking countries, France): "221B Baker Street", "12 rue de la Paix".
const englishPattern = new RegExp(
  String.raw`(?<![\w.-]|\d,)\d{1,5}[A-Za-z]?(?:[-/]\d{1,4})?,?[ \t]+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?[ \t]+)?(?:${name}[ \t]+){1,4}?(?:(?:${suffixWords})\b|(?:${suffixAbbreviations})\b\.?)(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?`,
  'gu',
);
const frenchPattern = new RegExp(
  String.raw`(?<![\w.-]|\d,)\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:rue|avenue|av\.|boulevard|bd|place|chemin|allée|impasse|quai|route|cours)[ \t]+(?:(?:de la|de l'|du|des|de|d'|la|le|les)[ \t]*)?${name}(?:[ \t]+(?:de la|du|des|de|d'|la|le)?[ \t]*${name}){0,3}`,
  'giu',
);
// Street first (most of Europe and Latin America): "Hauptstraße 12", "Calle Mayor 5", "Via Roma 10a".
const europeanPattern = new RegExp(
  String.raw`(?<![\p{L}\d])(?:\p{Lu}[\p{L}-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|straat|laan|gracht|plein|kade|singel|vej|gade|gatan|vägen|veien|gata|katu|tie|allén|gränd|stigen|torget|backen|leden|plantsoen|dreef|hof|pad|steeg|dijk|markt|pfad|steig|stieg)|(?:${name}[ \t]+)?(?:Straße|Strasse|Str\.|Weg|Platz|Allee)|(?:Am|An der|An den|Auf dem|Auf der|Im|In der|In den|Zum|Zur|Unter den|Hinter der|Vor dem)[ \t]+${name}|(?:Calle|C/|Avenida|Avda\.|Av\.|Via|Viale|Piazza|Corso|Largo|Rua|Travessa|Carrer|Passeig|Paseo|Plaza|Praça|Ulica|ul\.|Rue)[ \t]+(?:(?:de la|de|del|da|do|dos|das|della|di|des|du)[ \t]+)?${name}(?:[ \t]+(?:(?:de la|de|del|da|do|dos|das|della|di)[ \t]+)?${name}){0,3}),?[ \t]+\d{1,4}[a-zA-Z]?(?:[-/]\d{1,4}[a-zA-Z]?)?(?![\w])`,
  'gu',
);
// Street first, with a house number and then a postcode and a city: the postcode makes it an
// address whatever the street is called ("Zahrapark 257, 5077 QL Hurkske", "Solar Adán 3, 28820 Coslada",
// "wyb. Dębski 16b m. 748, 91-512 Kęty"). Lower-case Polish street words are allowed as the first word.
const postcode = String.raw`(?:\d{2}-\d{3}|\d{5}-\d{3}|\d{4}[ \t]?[A-Z]{2}|\d{3}[ \t]\d{2}|\d{4,5}|[A-Z]{1,2}-\d{4,5})`;
const streetWithPostcodePattern = new RegExp(
  String.raw`(?<![\p{L}\d.])(?:\p{Lu}[\p{L}'’.-]*|(?:ul|al|pl|os|wyb)\.|droga|wyspa|aleja|plac|skwer|rondo|bulwar|ulica|osiedle)(?:[ \t]+[\p{L}'’.-]+){0,4},?[ \t]+\d{1,5}[a-zA-Z]?(?:[/-]\d{1,4}[a-zA-Z]?)?(?:,?[ \t]+(?:m\.|Piano|Lgh\.|Hus|Apt\.?|Bus|Stiege|Top|Tür)[ \t]*\d{1,4})*,[ \t]*${postcode}[ \t]+\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,2}`,
  'gu',
);
// Street words that open a street's name in Spanish, Italian, Portuguese and Polish.
const streetFirstPattern = new RegExp(
  String.raw`(?<![\p{L}\d])(?:Calle|Avenida|Plaza|Paseo|Ronda|Camino|Carretera|Travesía|Glorieta|Solar|Prolongación|Urbanización|Callejón|Cuesta|Pasaje|Alameda|Rambla|Poblado|Parcela|Masía|Terrenos|Apartamento|Subida|Bajada|Polígono|Barrio|Colonia|Finca|Edificio|Conjunto|Partida|Lugar|Cañada|Vereda|Senda|Sector|Residencial|Chalet|Caserío|Aldea|Plazuela|Manzana|Jardines|Grupo|Ruta|Vía|Via|Viale|Piazza|Piazzale|Corso|Largo|Vicolo|Strada|Contrada|Borgo|Incrocio|Rotonda|Rua|Travessa|Praça|Rodovia|Estrada|Marginal|Viela|Ladeira|ul\.|al\.|pl\.|os\.|wyb\.|droga|wyspa|aleja|plac|skwer|rondo|bulwar|ulica|osiedle)[ \t]+(?:\p{L}[\p{L}'’.-]*[ \t]+){0,4}?\p{Lu}[\p{L}'’.-]*,?[ \t]+(?:n\.?º?[ \t]*)?\d{1,5}[a-zA-Z]?(?![\w])`,
  'gu',
);
// A street, a house number and a unit marker that only addresses have ("Majas Väg 4 Hus 408",
// "ogród Klimek 63c m. 717", "Masía Lorena 18 2º A", "Indypark 439 I 3 hoog", "Schulgasse 807 3 OG").
const streetUnitPattern = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?:ogród|park|rynek|szosa|droga|wyspa|aleja|plac|skwer|rondo|bulwar|ulica|osiedle|most|pasaż|wybrzeże|zaułek|trakt|de|van|het)[ \t]+)?(?:\p{Lu}[\p{L}'’.-]*(?:[ \t]+\([^()\n]{1,30}\))?[ \t]+){1,5}\d{1,5}[a-zA-Z]?(?:\/\d{1,4})?,?[ \t]+(?:m\.[ \t]*\d+|Lgh\.[ \t]*\d+|Hus[ \t]+\d+|(?:I{1,3}[ \t]+)?\d+[ \t]+(?:hoog|OG|Stock|Etage)|I{1,3}\b|\d+º[ \t]*[A-Z]?|Ático|Piso[ \t]+\d+|Bajo|Puerta[ \t]+\d+|Top[ \t]+\d+|Stiege[ \t]+\d+)`,
  'gu',
);
const streetWordsGate =
  /\b(?:Calle|Avenida|Plaza|Paseo|Ronda|Camino|Carretera|Travesía|Glorieta|Solar|Prolongación|Urbanización|Callejón|Cuesta|Pasaje|Alameda|Rambla|Poblado|Parcela|Masía|Terrenos|Apartamento|Subida|Bajada|Polígono|Barrio|Colonia|Finca|Edificio|Conjunto|Partida|Lugar|Cañada|Vereda|Senda|Sector|Residencial|Chalet|Caserío|Aldea|Plazuela|Manzana|Jardines|Grupo|Ruta|Vía|Via|Viale|Piazza|Piazzale|Corso|Largo|Vicolo|Strada|Contrada|Borgo|Incrocio|Rotonda|Rua|Travessa|Praça|Rodovia|Estrada|Marginal|Viela|Ladeira|ul|al|pl|os|wyb|droga|wyspa|aleja|plac|skwer|rondo|bulwar|ulica|osiedle)\b/u;
// Written in lower case: "123 main street, springfield" (full street words only, and not a distance
// such as "5 miles down the road").
const lowerCasePattern =
  /(?<![\w.-])\d{1,5}[ \t]+(?!(?:the|a|an|down|up|of|on|in|to|from|my|our|your|his|her|their|this|that|more|other|next|same|miles?|km|kilometers?|meters?|metres?|blocks?|minutes?|hours?|steps?|yards?|feet|foot|houses?|doors?|times?|lanes?|roads?|streets?)\b)(?:[a-z][a-z'-]{2,}[ \t]+){1,3}(?:street|avenue|road|boulevard|lane|drive|court|place|terrace|parkway|highway)\b(?=[ \t]*(?:[,.;:()\n]|$|apt|suite|unit|#|\d))/g;
// Number first with any capitalised street name when a unit follows: "220 Emilie Fold Apt. 525".
const numberWithUnitPattern = new RegExp(
  String.raw`(?<![\w.-]|\d,)\d{1,6}[ \t]+(?:\p{Lu}[\p{L}'’.-]*[ \t]+){1,4}(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat)[ \t]*#?\d{1,5}[A-Za-z]?\b`,
  'gu',
);
const poBoxPattern =
  /\b(?:P\.?[ \t]?O\.?[ \t]?Box|Postfach|Apartado|Boîte postale|BP|PSC[ \t]+\d{1,5},?[ \t]+Box|Unit[ \t]+\d{1,5}[ \t]+Box)[ \t]+\d{1,6}\b/gi;
// A US city line on its own: "Fort Wayne, IN 46802", "APO AE 09012".
const states =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|AA|AE|AP';
const cityLinePattern = new RegExp(
  String.raw`(?<![\p{L}\d])(?:\p{Lu}[\p{L}'’.-]+(?:[ \t]+\p{Lu}[\p{L}'’.-]+){0,2},?[ \t]+(?:${states})|(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP))[ \t]+\d{5}(?:-\d{4})?(?![\w-])`,
  'gu',
);
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
    // Each pattern runs only when a cheap whole-text test finds what it cannot match without
    // (a comma and a digit, a unit marker, a state and ZIP): most starts are capitalised words.
    const patterns: readonly (readonly [RegExp, RegExp | null])[] = [
      [englishPattern, null],
      [frenchPattern, null],
      [europeanPattern, null],
      [streetWithPostcodePattern, /,[ \t]*\d/],
      [streetFirstPattern, streetWordsGate],
      [numberWithUnitPattern, /\b(?:Apt|Apartment|Suite|Ste|Unit|Flat)\b/],
      [
        streetUnitPattern,
        /\bm\.|Lgh\.|\bHus\b|\bhoog\b|\bOG\b|º|Ático|\bPiso\b|\bBajo\b|\bPuerta\b|\bTop\b|\bStiege\b|\d[a-zA-Z]?,?[ \t]+I{1,3}\b/,
      ],
      [poBoxPattern, null],
      [lowerCasePattern, /[a-z] (?:street|avenue|road|boulevard|lane|drive|court|place|terrace|parkway|highway)\b/],
      [cityLinePattern, /[A-Z]{2}[ \t]+\d{5}/],
    ];
    for (const [pattern, gate] of patterns) {
      if (gate !== null && !gate.test(text)) continue;
      scan(text, pattern, (match) => {
        const end = withTail(text, match.index + match[0].length);
        propose(found, match.index, end, 'street_address', priority.streetAddress);
      });
    }
    // A number read as a phone inside an address (a ZIP+4, a house and flat number) is part of
    // the address; left in, its higher priority would drop the whole address.
    const addresses = found.filter((span) => span.type === 'street_address');
    for (let index = found.length - 1; index >= 0; index--) {
      const span = found[index];
      if (span?.type !== 'phone') continue;
      if (addresses.some((address) => address.start <= span.start && span.end <= address.end)) found.splice(index, 1);
    }
  },
};

import type { Detector } from '../entityTypes.ts';
import { places } from './placeLexicon.ts';
import { priority, propose, scanNear } from './scan.ts';
import { withinSentence } from './sentenceEnd.ts';

const name = String.raw`(?:\p{Lu}[\p{L}'’.-]*|\d{1,3}(?:st|nd|rd|th))`;
/** `rue|avenue` -> `[Rr]ue|[Aa]venue`: a word list in lower case, matched with a capital or without. */
function capitalisedEither(words: string): string {
  return words
    .split('|')
    .map((word) => `[${word[0]?.toUpperCase() ?? ''}${word[0] ?? ''}]${word.slice(1)}`)
    .join('|');
}
// USPS Publication 28 street suffixes (full words) and their common abbreviations.
const suffixWords =
  'Street|Streets|Avenue|Road|Roads|Boulevard|Lane|Drive|Drives|Court|Courts|Way|Ways|Place|Terrace|Close|Crescent|Highway|Parkway|Parkways|Square|Squares|Circle|Circles|Trail|Row|Walk|Walks|Gardens|Garden|Mews|Grove|Groves|Broadway|Alley|Plaza|Loop|Pike|Crossing|Crossroad|Ridge|Ridges|Run|Path|Point|Points|Heights|Ville|Village|Villages|Mission|Port|Ports|Haven|Ranch|Forge|Forges|Estate|Estates|Junction|Junctions|Summit|Valley|Valleys|Meadow|Meadows|Green|Greens|Hill|Hills|Park|Parks|Bridge|Brook|Brooks|Burg|Burgs|Bypass|Camp|Canyon|Cape|Causeway|Center|Centers|Cliff|Cliffs|Club|Common|Commons|Corner|Corners|Course|Cove|Coves|Creek|Crest|Curve|Dale|Dam|Divide|Expressway|Extension|Extensions|Fall|Falls|Ferry|Field|Fields|Flat|Flats|Ford|Fords|Forest|Fork|Forks|Fort|Freeway|Gateway|Glen|Glens|Harbor|Harbors|Hollow|Inlet|Island|Islands|Isle|Key|Keys|Knoll|Knolls|Lake|Lakes|Land|Landing|Light|Lights|Loaf|Lock|Locks|Lodge|Mall|Manor|Manors|Mill|Mills|Motorway|Mount|Mountain|Mountains|Neck|Orchard|Oval|Overpass|Pass|Passage|Pine|Pines|Plain|Plains|Prairie|Radial|Ramp|Rapid|Rapids|Rest|River|Route|Shoal|Shoals|Shore|Shores|Skyway|Spring|Springs|Spur|Spurs|Station|Stravenue|Stream|Throughway|Trace|Track|Trafficway|Tunnel|Turnpike|Underpass|Union|Unions|Viaduct|View|Views|Vista|Wall|Well|Wells|Brow|Fold|Gate|Rise|Vale|Wynd|Chase|Drove|Parade|Approach|Bank|Dene|End|Heath|Nook|Paddock|Pastures|Side|Spinney|Wharf|Yard|Wood|Woods|Croft|Copse|Lea|Leys|Mead|Moor|Quay|Ride|Hollow|Glade|Hey|Ings|Meadows|Lawn|Lawns|Downs|Embankment|Via|Garth|Brae|Kingsway|Gait|Loan|Wynd|Row|Grange|Circuit';
const suffixAbbreviations =
  'St|Ave|Av|Rd|Blvd|Ln|Dr|Ct|Pl|Hwy|Pkwy|Sq|Cir|Ter|Trl|Cres|Pde|Cl|Gdns|Gr|Crt|Expy|Fwy|Tpke|Xing|Plz|Rdg|Gln|Hts|Jct|Mnr|Riv|Vw|Grv|Ctr|Pt|Crk|Cv|Lk|Mtn|Vlg|Hbr|Hl|Est|Sta';
// Number first (English-speaking countries, France): "221B Baker Street", "12 rue de la Paix".
const englishPattern = new RegExp(
  String.raw`(?<![\w.-]|\d,)\d{1,5}[A-Za-z]?(?:[-/]\d{1,4})?,?[ \t]+(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?[ \t]+)?(?:${name}[ \t]+){1,4}?(?:(?:${suffixWords})\b|(?:${suffixAbbreviations})\b\.?)(?:[ \t]+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?`,
  'gu',
);
// Number first in French and Portuguese: "12 rue de la Paix", "62807 Alameda Isaac", and in lower
// case "1 passage du chat-qui-pêche" (at most three words after the street word, none of them one
// that goes on with the sentence: "since", "before", "is").
const numberFirstWords =
  'rue|avenue|av\\.|boulevard|bd|place|chemin|allée|impasse|quai|route|cours|voie|passage|rua|avenida|alameda|marginal|rodovia|travessa|praça|estrada';
const streetWords = new Set(
  [suffixWords, suffixAbbreviations, numberFirstWords].flatMap((list) => list.toLowerCase().split('|')),
);

/** Whether a word is a street word ("Lane", "Boulevard", "Ave", "rue"): no part of an address's name. */
export function isStreetWord(word: string): boolean {
  return streetWords.has(word.toLowerCase());
}
const particle = String.raw`(?:de la|de l'|du|des|de|d'|la|le|les|do|da|dos|das)`;
const notStreetWord = String.raw`(?!(?:since|before|after|last|is|was|for|thanks|within|and|or|the|to|from|with|by|near|today|tomorrow|yesterday|please|then|where|when|now|at|on|in)\b)`;
const frenchPattern = new RegExp(
  String.raw`(?<![\w.-]|\d,)\d{1,5}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:${capitalisedEither(numberFirstWords)})[ \t]+(?:${particle}[ \t]*)?${name}(?:[ \t]+(?:${particle}[ \t]*)?(?!(?:Apt|Apto|Suite|Unit|Flat|Casa|Bloco)\b)${name}){0,3}|(?<![\w.-]|\d,)\d{1,5},?[ \t]+(?:${numberFirstWords})[ \t]+(?:${particle}[ \t]*)?${notStreetWord}\p{Ll}[\p{Ll}'’-]*(?:[ \t]+(?:${particle}[ \t]*)?${notStreetWord}\p{Ll}[\p{Ll}'’-]*){0,2}`,
  'gu',
);
// Street first (most of Europe and Latin America): "Hauptstraße 12", "Calle Mayor 5", "Via Roma 10a".
// A word is read whole, once (`(?=(w+))\1` cannot backtrack into it), then its ending is checked
// behind it: trying every street suffix at every split of every word cost most of the detector's time.
const europeanPattern = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?=(\p{L}[\p{L}-]*))\1(?:(?<=\p{Lu}[\p{L}-]*(?:straße|strasse|weg|gasse|platz|allee|ring|damm|ufer|chaussee|straat|laan|gracht|plein|kade|singel|vej|gade|gatan|vägen|veien|gata|katu|tie|allén|gränd|stigen|torget|backen|leden|plantsoen|dreef|hof|pad|steeg|dijk|markt|pfad|steig|stieg|gränden|-Straße|-Strasse|-Gasse|-Weg|-Platz|-Allee|-Ring))|(?<=\p{Ll}[\p{L}-]*(?:straße|strasse|gasse|weg|allee|straat|laan|gracht|gatan|vägen|-Straße|-Strasse|-Gasse|-Weg|-Platz|-Allee|-Ring))|(?<=str)\.)|(?:\p{Lu}\p{L}*[ \t]+)(?=(\p{L}[\p{L}-]*))\2(?<=-(?:Straße|Strasse|Gasse|Weg|Platz|Allee|Ring))|(?:${name}[ \t]+)?(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gata|Gatan|Väg|Vägen|Gränd|Torg|Allé)|\p{Ll}[\p{L}-]*[ \t]+(?:straße|strasse|gasse|weg|platz|allee|gata|gatan|väg|vägen)|(?:Am|An der|An den|Auf dem|Auf der|Im|In der|In den|Zum|Zur|Unter den|Hinter der|Vor dem)[ \t]+${name}|(?:Calle|C/|Avenida|Avda\.|Av\.|Via|Viale|Piazza|Corso|Largo|Rua|Travessa|Carrer|Passeig|Paseo|Plaza|Praça|Ulica|ul\.|Rue)[ \t]+(?:(?:de la|de|del|da|do|dos|das|della|di|des|du)[ \t]+)?${name}(?:[ \t]+(?:(?:de la|de|del|da|do|dos|das|della|di)[ \t]+)?${name}){0,3}),?[ \t]+\d{1,4}[a-zA-Z]?(?:[-/]\d{1,4}[a-zA-Z]?)?(?![\w])`,
  'gu',
);
// Street first, with a house number and then a postcode and a city: the postcode makes it an
// address whatever the street is called ("Zahrapark 257, 5077 QL Hurkske", "Solar Adán 3, 28820 Coslada",
// "wyb. Dębski 16b m. 748, 91-512 Kęty"). Lower-case Polish street words are allowed as the first word.
const postcode = String.raw`(?:\d{2}-\d{3}|\d{5}-\d{3}|\d{4}[ \t]?[A-Z]{2}|\d{3}[ \t]\d{2}|\d{4,5}|[A-Z]{1,2}-\d{4,5})`;
const streetWithPostcodePattern = new RegExp(
  String.raw`(?<![\p{L}\d.])(?:\p{Lu}[\p{L}'’.-]*|(?:ul|al|pl|os|wyb)\.|droga|wyspa|aleja|plac|skwer|rondo|bulwar|ulica|osiedle)(?:[ \t]+[\p{L}'’.-]+){0,4},?[ \t]+\d{1,5}[a-zA-Z]?(?:[/-]\d{1,4}[a-zA-Z]?)?(?:,?[ \t]+(?:m\.|Piano|Lgh\.|Hus|Apt\.?|Bus|Stiege|Top|Tür)[ \t]*\d{1,4})*(?:,[ \t]*|[ \t]*\n[ \t]*(?!(?:19|20)\d{2}\b))${postcode}[ \t]+\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,2}`,
  'gu',
);
// The same in lower case, where only a postcode of a distinctive shape tells an address:
// Polish `28-705`, Brazilian `42101-452`, Dutch `3559 ef` ("park gałka 3/1, 28-705 mikołów").
const lowerStreetWithPostcodePattern = new RegExp(
  String.raw`(?<![\p{L}\d.])\p{Ll}[\p{L}'’.-]*(?:[ \t]+[\p{L}'’.-]+){0,4}[ \t]+\d{1,5}[a-z]?(?:\/\d{1,4}[a-z]?)?(?:,?[ \t]+(?:m\.|apt\.?|lgh\.|casa|piano)[ \t]*\d{1,4})*,[ \t]*(?:\d{2}-\d{3}|\d{5}-\d{3}|\d{4}[ \t][a-z]{2})[ \t]+\p{Ll}[\p{L}'’-]*`,
  'gu',
);
// Street words that open a street's name in Spanish, Italian, Portuguese and Polish (the kinds of
// way in Spain's, Italy's and Brazil's street registers).
const streetFirstWords =
  'Calle|Calleja|Avenida|Plaza|Paseo|Ronda|Camino|Carretera|Travesía|Glorieta|Solar|Prolongación|Urbanización|Callejón|Cuesta|Pasaje|Alameda|Rambla|Poblado|Parcela|Masía|Terrenos|Apartamento|Subida|Bajada|Polígono|Barrio|Colonia|Finca|Edificio|Conjunto|Partida|Lugar|Cañada|Vereda|Senda|Sector|Residencial|Chalet|Caserío|Aldea|Plazuela|Manzana|Jardines|Grupo|Ruta|Salida|Entrada|Monte|Arroyo|Arrabal|Barranco|Bloque|Escalinata|Explanada|Huerta|Muelle|Parque|Puente|Puerta|Quinta|Ramal|Rampa|Riera|Rincón|Sección|Lado|Torrente|Vía|Via|Viale|Piazza|Piazzale|Corso|Largo|Vicolo|Strada|Contrada|Borgo|Incrocio|Rotonda|Rua|Travessa|Praça|Rodovia|Estrada|Marginal|Viela|Ladeira|ul\\.|al\\.|pl\\.|os\\.|wyb\\.|droga|wyspa|aleja|plac|skwer|rondo|bulwar|ulica|osiedle';
// The same words people also write in lower case ("calle mayor 5"): not those that are ordinary
// words too (via, largo, monte, marginal, puerta...).
const lowerStreetFirstWords =
  'calle|avenida|paseo|plaza|travesía|camino|carretera|jardines|glorieta|callejón|pasaje|alameda|rambla|rua|travessa|praça|rodovia|estrada|strada|piazza|piazzale|viale|vicolo|contrada|incrocio|rotonda|ul\\.|al\\.|ulica|aleja|wyspa|rynek|ogród|szosa|skwer|rondo|bulwar|osiedle';
const houseNumber = String.raw`(?:n\.?º?[ \t]*)?(?:\d{1,5}[a-zA-Z]?|s\/n\.?)`;
const streetFirstPattern = new RegExp(
  String.raw`(?<![\p{L}\d])(?:${streetFirstWords})[ \t]+(?:\p{L}[\p{L}'’.-]*[ \t]+){0,6}?\p{Lu}[\p{L}'’.-]*,?[ \t]+${houseNumber}(?![\w])|(?<![\p{L}\d])(?:${lowerStreetFirstWords})[ \t]+(?:\p{L}[\p{L}'’.-]*[ \t]+){0,5}?\p{Ll}[\p{L}'’.-]*,?[ \t]+${houseNumber}(?![\w])`,
  'gu',
);
// A street, a house number and a unit marker that only addresses have ("Majas Väg 4 Hus 408",
// "ogród Klimek 63c m. 717", "Masía Lorena 18 2º A", "Indypark 439 I 3 hoog", "Schulgasse 807 3 OG").
const streetUnitPattern = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(?:ogród|park|rynek|szosa|droga|wyspa|aleja|plac|skwer|rondo|bulwar|ulica|osiedle|most|pasaż|wybrzeże|zaułek|trakt|de|van|het)[ \t]+)?(?:\p{Lu}[\p{L}'’.-]*(?:[ \t]+\([^()\n]{1,30}\))?[ \t]+){1,5}\d{1,5}[a-zA-Z]?(?:\/\d{1,4})?,?[ \t]+(?:m\.[ \t]*\d+|Lgh\.[ \t]*\d+|Hus[ \t]+\d+|(?:I{1,3}[ \t]+)?\d+[ \t]+(?:hoog|OG|Stock|Etage)|I{1,3}(?=[ \t]*(?:[,\n]|$))|\d+º[ \t]*[A-Z]?|Ático|Piso[ \t]+\d+|Bajo|Puerta[ \t]+\d+|Top[ \t]+\d+|Stiege[ \t]+\d+|(?:Apt\.?|Zimmer|Wohnung|Whg\.|Tür)[ \t]*\d+)`,
  'gu',
);
const streetWordsGate = new RegExp(
  String.raw`(?<![\p{L}])(?:${streetFirstWords}|${lowerStreetFirstWords})(?![\p{L}])`,
  'gu',
);
// Written in lower case: "123 main street, springfield" (full street words only, and not a distance
// such as "5 miles down the road").
const lowerCasePattern =
  /(?<![\w.-])\d{1,5}[ \t]+(?!(?:the|a|an|down|up|of|on|in|to|from|my|our|your|his|her|their|this|that|more|other|next|same|miles?|km|kilometers?|meters?|metres?|blocks?|minutes?|hours?|steps?|yards?|feet|foot|houses?|doors?|times?|lanes?|roads?|streets?)\b)(?:[a-z][a-z'-]{2,}[ \t]+){1,3}(?:streets?|avenue|road|boulevard|lane|drive|court|place|terrace|parkway|highway|circle|ridge|parade|crescent|grove|square|trail|plaza|loop|circuit|way|junction|harbor|heights|gardens|mews|extension|turnpike|hills|mill|mills|vale|river|manor|pike|creek|glen|knoll|valley|meadows?|springs|village|estates?|grange|forge|canyon|crossing|crest|dale|landing|lodge|ranch|shores?|summit|brook|causeway|cove|expressway|freeway|gateway|harbour|inlet|motorway|orchard|prairie|skyway|throughway|trafficway|tunnel|underpass|viaduct|vista|st|ave|rd|blvd|ln|hwy|pkwy|sq|cir|ter|trl|gln|rdg|plz|vw|jct|mnr|hts|cres|ext)\b\.?(?=[ \t]*(?:[,.;:()\n]|$|apt|suite|unit|#|\d))/g;
// Number first with any capitalised street name when a unit follows: "220 Emilie Fold Apt. 525".
const numberWithUnitPattern = new RegExp(
  String.raw`(?<![\w.-]|\d,)\d{1,6}[ \t]+(?:\p{Lu}[\p{L}'’.-]*[ \t]+){1,4}(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat)[ \t]*#?\d{1,5}[A-Za-z]?\b`,
  'gu',
);
// After a word that says an address follows ("Address: Lippe 789", "Wohnadresse: Ödhus 96c",
// "I live at 1933 Cage Ext"): a street of any name, with its house number before or after it.
const addressCuePattern = new RegExp(
  String.raw`(?:\b(?:address|adresse|dirección|direccion|indirizzo|endereço|anschrift|wohnadresse|postal address|home address)[ \t]*:[ \t]*|\b(?:live|lives|living|lived)[ \t]+at[ \t]+)(?:\p{L}[\p{L}'’.-]*(?:[ \t]+${notStreetWord}\p{L}[\p{L}'’.-]*){0,3}[ \t]+\d{1,5}[a-zA-Z]?(?:\/\d{1,4})?|\d{1,5}[a-zA-Z]?[ \t]+\p{L}[\p{L}'’-]*(?:[ \t]+${notStreetWord}\p{L}[\p{L}'’.-]*){0,3})(?![\w])`,
  'giu',
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
const city = String.raw`\p{Lu}[\p{Ll}'’-][\p{L}'’-]*(?:[ \t]+(?:do|da|dos|das|de|di|del|la|le|im|am|an der|sur|upon)(?=[ \t]+\p{Lu}))?`;
const tailPattern = new RegExp(
  String.raw`(?:,?[ \t]*(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Floor|Fl\.?|#)[ \t]*[\w-]+)?(?:,?[ \t]*\n?[ \t]*(?:(?:\d{4}[ \t]?[A-Z]{2}|\d{2}-\d{3}|\d{4,5}|[A-Z]{1,2}-\d{4,5})[ \t]+${city}(?:[ \t]+${city})?|${city}(?:[ \t]+${city}){0,2}(?:,[ \t]*[A-Z]{2})?(?:(?:[ \t]+|,[ \t]*|[ \t]*\n[ \t]*)(?:\d{5}-\d{3}|\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|\d{4,5})(?![\w-]))?))?`,
  'uy',
);

// The same in lower case, only with a state and a ZIP code at its end: ", vurlolu, nh 61120".
const lowerTailPattern =
  /(?:,?[ \t]*(?:apt\.?|suite|unit|#)[ \t]*[\w-]+)?,?[ \t]*\n?[ \t]*\p{Ll}[\p{Ll}'’-]+(?:[ \t]+\p{Ll}[\p{Ll}'’-]+){0,2},[ \t]*[a-z]{2}[ \t]+\d{5}(?:-\d{4})?(?![\w-])/uy;

/** Extends a street match over a unit number, a postal code and a city that follow it. */
function withTail(text: string, end: number): number {
  lowerTailPattern.lastIndex = end;
  const lower = lowerTailPattern.exec(text);
  if (lower !== null) return end + lower[0].length;
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

// Words of the sentence around an address that a street-first pattern may take for the street's
// name ("My address is Bierkellerweg 66", "Curtis lives at Alte Ufergasse 90b").
const leadWords = new Set(
  'my our your his her their the a is are was were be been i we you he she they it live lives lived living stay stays staying moved move moves moving to at from of on for with and or near by meet meeting ship send sent deliver delivered delivery return returned pickup pick up visit visiting address adresse dirección direccion indirizzo endereço anschrift wohnadresse office located in'.split(
    ' ',
  ),
);

/** How many characters of a match, before its first digit, belong to the sentence, not the street. */
function leadLength(match: string): number {
  const firstDigit = match.search(/\d/);
  const head = firstDigit < 0 ? match : match.slice(0, firstDigit);
  let cut = 0;
  for (const word of head.matchAll(/[\p{L}'’]+:?/gu)) {
    const lower = word[0].replace(/:$/, '').toLowerCase();
    // `In der Au 5` is a street; `in Bierkellerweg` is not.
    if (lower === 'in' && /^[ \t]+d[eia][rmns]\b/i.test(head.slice(word.index + 2))) continue;
    if (leadWords.has(lower)) cut = word.index + word[0].length;
  }
  if (cut === 0) return 0;
  return cut + (/^[ \t]*:?[ \t]*/.exec(match.slice(cut))?.[0].length ?? 0);
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
      [
        streetWithPostcodePattern,
        /[,\n][ \t]*(?:\d{2}-\d{3}|\d{5}-\d{3}|\d{4}[ \t]?[A-Z]{2}|\d{3}[ \t]\d{2}|\d{4,5}|[A-Z]{1,2}-\d{4,5})[ \t]+\p{Lu}/gu,
      ],
      [streetFirstPattern, streetWordsGate],
      [numberWithUnitPattern, /\b(?:Apt|Apartment|Suite|Ste|Unit|Flat)\b/],
      [
        streetUnitPattern,
        /\bm\.|Lgh\.|\bHus\b|\bhoog\b|\bOG\b|º|Ático|\bPiso\b|\bBajo\b|\bPuerta\b|\bTop\b|\bStiege\b|\d[a-zA-Z]?,?[ \t]+I{1,3}\b|\d[a-z]?[ \t]+(?:Apt|Zimmer|Wohnung|Whg|Tür)\b/,
      ],
      [poBoxPattern, null],
      [
        addressCuePattern,
        /\b(?:address|adresse|dirección|direccion|indirizzo|endereço|anschrift|wohnadresse|live|lives|living|lived)\b/gi,
      ],
      [
        lowerCasePattern,
        /[a-z] (?:streets?|avenue|road|boulevard|lane|drive|court|place|terrace|parkway|highway|circle|ridge|parade|crescent|grove|square|trail|plaza|loop|circuit|way|junction|harbor|heights|gardens|mews|extension|turnpike|hills|mills?|vale|river|manor|pike|creek|glen|knoll|valley|meadows?|springs|village|estates?|grange|forge|canyon|crossing|crest|dale|landing|lodge|ranch|shores?|summit|brook|causeway|cove|expressway|freeway|gateway|harbour|inlet|motorway|orchard|prairie|skyway|throughway|trafficway|tunnel|underpass|viaduct|vista|st|ave|rd|blvd|ln|hwy|pkwy|sq|cir|ter|trl|gln|rdg|plz|vw|jct|mnr|hts|cres|ext)\b/,
      ],
      [lowerStreetWithPostcodePattern, /\d,[ \t]*(?:\d{2}-\d{3}|\d{5}-\d{3}|\d{4} [a-z]{2})/g],
      [cityLinePattern, /[A-Z]{2}[ \t]+\d{5}/],
    ];
    for (const [pattern, gate] of patterns) {
      if (gate !== null && !gate.test(text)) continue;
      scanNear(text, pattern, gate?.global === true ? gate : null, 120, 120, (match) => {
        const end = withTail(text, match.index + match[0].length);
        // Never across a sentence end, nor over a sentence's full stop ("Ter." keeps its own).
        const [start, last] = withinSentence(text, match.index + leadLength(match[0]), end);
        if (last > start) propose(found, start, last, 'street_address', priority.streetAddress);
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

// Addresses, secrets and file names for the structured redaction set, and the carrier texts they
// are put in. Conventions: USPS Publication 28 street suffixes and unit designators, Royal Mail and
// Deutsche Post/La Poste/Correos/Poste Italiane/PostNL layouts; secret shapes as tokens are issued
// (base64, hex, JWT) and passwords as people write them in notes and chat.
import { createRandom, digits, pick, type Random } from './structuredValues.ts';

const usStreets = [
  'Elm',
  'Oak',
  'Maple',
  'Washington',
  'Lake View',
  'Sunset',
  'Jones',
  'Martin Luther King Jr',
  'Cedar Ridge',
  'Park',
  'Hillcrest',
  'Mill Creek',
  '3rd',
  '42nd',
  'Main',
  'Church',
  'Willow',
  'Johnson',
  'Pleasant Valley',
];
const usSuffixes = [
  'Street',
  'St',
  'St.',
  'Avenue',
  'Ave',
  'Ave.',
  'Road',
  'Rd',
  'Boulevard',
  'Blvd',
  'Drive',
  'Dr',
  'Lane',
  'Ln',
  'Court',
  'Ct',
  'Way',
  'Place',
  'Pl',
  'Terrace',
  'Circle',
  'Parkway',
  'Highway',
  'Trail',
  'Loop',
  'Pike',
  'Square',
  'Crossing',
  'Ridge',
  'Run',
  'Path',
  'Point',
  'Heights',
  'Ville',
  'Mission',
  'Ports',
  'Haven',
  'Ranch',
  'Forge',
  'Estates',
  'Junction',
  'Summit',
  'Valley',
  'Meadows',
  'Greens',
];
const usUnits = ['Apt 5', 'Apt. 12B', 'Suite 300', 'Ste 210', 'Unit 7', '#4', 'Apartment 3C', 'Fl 2', 'Bldg 4'];
const usCities: readonly [string, string][] = [
  ['Springfield', 'IL'],
  ['Austin', 'TX'],
  ['Portland', 'OR'],
  ['New Monica', 'ND'],
  ['Lake Jennifer', 'MI'],
  ['East Garyport', 'CA'],
  ['Boston', 'MA'],
  ['Fort Wayne', 'IN'],
  ['San Jose', 'CA'],
  ['Ann Arbor', 'MI'],
  ['Port Charlotte', 'FL'],
];
const ukStreets = [
  'Baker Street',
  'High Street',
  'Station Road',
  'Church Lane',
  'Victoria Road',
  'Mill Lane',
  'Queensway',
  'The Crescent',
  'Kings Road',
  'Park Avenue',
  'Elm Grove',
  'Manor Close',
];
const ukTowns: readonly [string, string][] = [
  ['London', 'NW1 6XE'],
  ['Oxford', 'OX1 4AA'],
  ['Manchester', 'M1 1AE'],
  ['Leeds', 'LS2 7EY'],
  ['Bristol', 'BS1 5TR'],
  ['Edinburgh', 'EH1 1YZ'],
  ['Cardiff', 'CF10 1EP'],
  ['London', 'SW1A 1AA'],
];
const deStreets = [
  'Hauptstraße',
  'Bahnhofstraße',
  'Berliner Str.',
  'Goethestraße',
  'Lindenweg',
  'Schillerplatz',
  'Am Markt',
  'Kirchgasse',
  'Gartenstr.',
  'Im Winkel',
  'Friedrich-Ebert-Allee',
  'Rosenring',
  'Mühlendamm',
];
const deCities: readonly [string, string][] = [
  ['10115', 'Berlin'],
  ['80331', 'München'],
  ['20095', 'Hamburg'],
  ['50667', 'Köln'],
  ['60311', 'Frankfurt am Main'],
  ['01067', 'Dresden'],
  ['1010', 'Wien'],
  ['8001', 'Zürich'],
];
const frStreets = [
  'rue de la Paix',
  'avenue des Champs-Élysées',
  'boulevard Saint-Michel',
  'rue du Faubourg Saint-Honoré',
  'place de la République',
  'chemin des Vignes',
  'allée des Tilleuls',
  'quai de la Tournelle',
  'impasse Molière',
  'rue Victor Hugo',
];
const frCities: readonly [string, string][] = [
  ['75002', 'Paris'],
  ['69001', 'Lyon'],
  ['13001', 'Marseille'],
  ['31000', 'Toulouse'],
  ['33000', 'Bordeaux'],
  ['1000', 'Bruxelles'],
];
const southStreets = [
  'Calle Mayor',
  'Calle de Alcalá',
  'C/ Gran Vía',
  'Avenida de la Constitución',
  'Paseo de Gracia',
  'Via Roma',
  'Via Giuseppe Garibaldi',
  'Corso Vittorio Emanuele',
  'Piazza Navona',
  'Rua Augusta',
  'Carrer de Balmes',
];
const southCities: readonly [string, string][] = [
  ['28013', 'Madrid'],
  ['08007', 'Barcelona'],
  ['41001', 'Sevilla'],
  ['00184', 'Roma'],
  ['20121', 'Milano'],
  ['1100-048', 'Lisboa'],
];
const nlStreets = ['Keizersgracht', 'Prinsengracht', 'Dorpsstraat', 'Kerkstraat', 'Stationsplein', 'Nieuwe Binnenweg'];
const nlCities: readonly [string, string][] = [
  ['1015 CJ', 'Amsterdam'],
  ['3011 AD', 'Rotterdam'],
  ['3511 LX', 'Utrecht'],
];

const house = (random: Random): string => String(1 + Math.floor(random() ** 2 * 9800));

/** A street address as written in the US, UK, Germany/Austria/Switzerland, France/Belgium, Spain/Italy/Portugal or the Netherlands. */
export function streetAddress(random: Random): string {
  const style = Math.floor(random() * 9);
  const separator = random() < 0.2 ? '\n' : ', ';
  if (style <= 2) {
    const [city, state] = pick(random, usCities);
    const street = `${house(random)} ${random() < 0.15 ? pick(random, ['N', 'S', 'E', 'W']) + ' ' : ''}${pick(random, usStreets)} ${pick(random, usSuffixes)}`;
    const unit = random() < 0.4 ? ` ${pick(random, usUnits)}` : '';
    const tail =
      random() < 0.8
        ? `${separator}${city}, ${state} ${digits(random, 5)}${random() < 0.2 ? `-${digits(random, 4)}` : ''}`
        : '';
    return `${street}${unit}${tail}`;
  }
  if (style === 3) {
    const [town, code] = pick(random, ukTowns);
    const flat = random() < 0.3 ? `Flat ${1 + Math.floor(random() * 20)}, ` : '';
    return `${flat}${house(random)}${random() < 0.1 ? 'B' : ''} ${pick(random, ukStreets)}${separator}${town} ${code}`;
  }
  if (style === 4 || style === 5) {
    const [code, city] = pick(random, deCities);
    const street = `${pick(random, deStreets)} ${house(random)}${random() < 0.2 ? pick(random, ['a', 'b', 'c']) : ''}`;
    return random() < 0.85 ? `${street}${separator}${code} ${city}` : street;
  }
  if (style === 6) {
    const [code, city] = pick(random, frCities);
    const comma = random() < 0.3 ? ',' : '';
    const bis = random() < 0.1 ? ' bis' : '';
    return `${house(random)}${bis}${comma} ${pick(random, frStreets)}${separator}${code} ${city}`;
  }
  if (style === 7) {
    const [code, city] = pick(random, southCities);
    return `${pick(random, southStreets)}${random() < 0.3 ? ',' : ''} ${house(random)}${separator}${code} ${city}`;
  }
  const [code, city] = pick(random, nlCities);
  return `${pick(random, nlStreets)} ${house(random)}${separator}${code} ${city}`;
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomString = (random: Random, length: number, characters = alphabet): string =>
  Array.from({ length }, () => characters[Math.floor(random() * characters.length)]).join('');
const words = [
  'correct',
  'horse',
  'battery',
  'staple',
  'purple',
  'monkey',
  'dishwasher',
  'orange',
  'river',
  'silent',
  'tiger',
  'cloud',
  'paper',
  'window',
  'garden',
  'rocket',
  'velvet',
  'thunder',
  'maple',
  'quiet',
];

/** A secret by shape (no keyword needed): base64, hex or base64url tokens, JWTs. */
export function secretBlob(random: Random): { value: string; type: 'secret' | 'jwt' } {
  const style = random();
  if (style < 0.3) {
    const bytes = Buffer.from(randomString(random, 24 + Math.floor(random() * 24)));
    return { value: bytes.toString('base64'), type: 'secret' };
  }
  if (style < 0.55)
    return { value: randomString(random, pick(random, [32, 40, 64]), '0123456789abcdef'), type: 'secret' };
  if (style < 0.75)
    return { value: randomString(random, 32 + Math.floor(random() * 16), `${alphabet}_-`), type: 'secret' };
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const jwt = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: digits(random, 8), iat: 1_700_000_000 + Math.floor(random() * 1e7) })}.${randomString(random, 43, `${alphabet}_-`)}`;
  return { value: jwt, type: 'jwt' };
}

/** A password or PIN as people write it: a keyword in any case, then one word, several words or digits. */
export function passwordSentence(random: Random): { before: string; value: string; after: string } {
  const keyword = pick(random, [
    'password',
    'Password',
    'PASSWORD',
    'passphrase',
    'pass phrase',
    'pwd',
    'Passwort',
    'mot de passe',
    'PIN',
    'pin',
    'passcode',
    'wifi password',
  ]);
  const joiner = pick(random, [' is ', ': ', ' = ', ' is: ', ' was ', ':', ' - ']);
  const style = random();
  let value: string;
  if (/pin|passcode/i.test(keyword)) value = digits(random, pick(random, [4, 4, 6, 8]));
  else if (style < 0.3) value = `${pick(random, words)}${digits(random, 2)}${pick(random, ['!', '#', '', '?'])}`;
  else if (style < 0.55) value = randomString(random, 10 + Math.floor(random() * 6), `${alphabet}!@#$%^&*`);
  else if (style < 0.8)
    value = Array.from({ length: 3 + Math.floor(random() * 2) }, () => pick(random, words)).join(
      pick(random, [' ', '-', ' ']),
    );
  else value = pick(random, words) + pick(random, words);
  const lead = pick(random, ['the ', 'My ', 'new ', '', 'fyi ', 'Reminder: ', 'The shared ']);
  const quote = value.includes(' ') && random() < 0.5 ? '"' : '';
  return {
    before: `${lead}${keyword}${joiner}${quote}`,
    value,
    after: `${quote}${pick(random, ['.', '', ' — keep it safe.', ' (do not share)', '\n', ', thanks'])}`,
  };
}

/** An e-mail address; `inFileName` puts it into a file or folder name. */
export function email(random: Random): string {
  const first = pick(random, [
    'anna',
    'j.smith',
    'mkowalski',
    'li.wei',
    'sofia_garcia',
    'o.brien',
    'k-nakamura',
    'dev+alerts',
    'p.dubois',
  ]);
  const domain = pick(random, [
    'example.com',
    'mail.co.uk',
    'uni-bonn.de',
    'corp.example.org',
    'gmail.com',
    'outlook.fr',
    'example.net',
  ]);
  return `${first}${random() < 0.3 ? digits(random, 2) : ''}@${domain}`;
}

export { createRandom };

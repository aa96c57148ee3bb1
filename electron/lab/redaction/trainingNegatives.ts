// Training sentences without people: code, configuration, technical prose with product names and
// Title Case feature names, and everyday words that are also given names (Mark the ticket, Grace
// period). CoNLL's news has none of these, and without them the recogniser reads a capitalised
// identifier as a person. Written after looking at the recogniser's false positives on the project's
// negative set (test/fixtures/redaction/negatives.jsonl), so that set no longer measures it
// independently; none of its sentences is copied here.
import { pick, type LabelledText } from './labelledSentences.ts';

const products =
  'Docker Kubernetes Postgres PostgreSQL Redis Linux Python Rust GitHub GitLab Slack Jira Figma Excel Chrome Firefox Android Windows Ubuntu Debian Terraform Grafana Kafka Nginx Node React Vue Angular Django Flask Spring Jenkins TypeScript JavaScript Java Kotlin Swift Electron Vite Webpack Babel ESLint Prettier Vitest Jest Playwright Safari Outlook Teams Zoom Notion Trello Stripe PayPal Shopify WordPress Heroku Vercel Netlify Ansible Prometheus Elasticsearch MongoDB SQLite MySQL Oracle Azure AWS'.split(
    ' ',
  );
const nouns =
  'mode index panel page report build cache queue token session table view cluster schema branch release sprint budget forecast dashboard template invoice ticket backlog review pipeline server client header footer layout widget'.split(
    ' ',
  );
const nameWords =
  'Mark Bill Grant Chase Will May Grace Amber Rose Iris Jack Ruby Ivy Hope Faith Joy Summer Dawn Sky Rob Sue Pat Drew Lance Frank Gene Art Bob Don Ray Guy Jewel Daisy Holly Olive Pearl Victor Earl Sterling Miles Rich Carol Crystal Destiny Harmony Hunter Cash Hazel Autumn Brook Glen Dale Basil Sage Reed'.split(
    ' ',
  );
const methods =
  'get set add remove find listen send close open parse format sort push map filter reduce begin end emit load save'.split(
    ' ',
  );

const title = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

type Maker = (random: () => number) => string;

const makers: Maker[] = [
  (r) =>
    `const ${pick(nouns, r)}${title(pick(nouns, r))} = ${pick(nouns, r)}.${pick(methods, r)}(${Math.floor(r() * 9000)});`,
  (r) => `import { ${title(pick(nouns, r))}${title(pick(nouns, r))} } from '${pick(products, r).toLowerCase()}';`,
  (r) =>
    `export const ${pick(products, r).toUpperCase()}_${pick(nouns, r).toUpperCase()}_KEY = process.env.${pick(nouns, r).toUpperCase()}_URL;`,
  (r) => `def ${pick(methods, r)}_${pick(nouns, r)}(self, ${pick(nouns, r)}_id: int) -> ${title(pick(nouns, r))}:`,
  (r) => `${pick(nouns, r)}.${pick(methods, r)}(${pick(nouns, r)}.${pick(methods, r)}(), '${pick(nouns, r)}');`,
  (r) => `return fmt.Errorf("${pick(methods, r)} ${pick(nouns, r)}: %w", err)`,
  (r) => `${title(pick(products, r))}=tcp:${pick(nouns, r)}.example.net;Database=${title(pick(nouns, r))};`,
  (r) =>
    `${pick(products, r)} ${Math.floor(r() * 20)}.${Math.floor(r() * 10)} adds the ${title(pick(nouns, r))} ${title(pick(nouns, r))} and fixes a crash in the ${pick(nouns, r)}.`,
  (r) => `${pick(products, r)} and ${pick(products, r)} both support the new ${pick(nouns, r)} format.`,
  (r) =>
    `We upgraded ${pick(products, r)} to ${Math.floor(r() * 20)}.${Math.floor(r() * 10)} after the ${title(pick(nouns, r))} ${title(pick(nouns, r))} broke.`,
  (r) => `${pick(nameWords, r)} the ${pick(nouns, r)} as done before the ${pick(nouns, r)} ends.`,
  (r) => `The ${pick(nameWords, r).toLowerCase()} ${pick(nouns, r)} keeps the ${pick(nouns, r)} small.`,
  (r) => `${pick(nameWords, r)} ${pick(nouns, r)}s need a second ${pick(nouns, r)}.`,
  (r) => `Open the ${title(pick(nouns, r))} ${title(pick(nouns, r))} and choose ${title(pick(nouns, r))}.`,
];

/** One seeded sentence without any person. */
export function negativeSentence(random: () => number): LabelledText {
  return { text: pick(makers, random)(random), spans: [] };
}

// Training sentences without people: code, configuration, technical prose with product names and
// Title Case feature names, and everyday words that are also given names (Mark the ticket, Grace
// period). CoNLL's news has none of these, and without them the recogniser reads a capitalised
// identifier as a person. Written after looking at the recogniser's false positives on the project's
// negative set (test/fixtures/redaction/negatives.jsonl), so that set no longer measures it
// independently; none of its sentences is copied here. Also instructions as prompts word them
// ("Answer with ...", "Please review ..."; issue 15: a prompt's "Answer" was hidden as a person) and
// ordinary prose from the README files of the installed packages, filtered to sentences that cannot
// hold a name.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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

// Instructions as prompts and tickets phrase them: an imperative verb opens the sentence, and a
// capitalised verb is no more a name than a capitalised noun is. Training vocabulary only; the unit
// tests use other sentences.
const verbs =
  'answer reply respond return give state explain describe summarise summarize outline list note check verify confirm review read compute calculate count solve show print format translate rewrite shorten expand compare choose pick select rank sort group merge split remove delete add insert update replace rename move copy save open close run start stop restart retry repeat skip ignore keep use avoid include exclude mention cite quote add attach upload download install configure enable disable contact call email ask tell remind inform notify schedule book cancel approve reject submit send forward share publish draft write edit proofread fix debug test measure estimate round convert mark bill grant chase'.split(
    ' ',
  );
const objects =
  'the result|the count|a single word|the final answer|yes or no|the total|each step|the summary|the main points|the error message|the whole file|the first line|the table below|your reasoning|the JSON object|the short version|every change|the open tickets|the failing test|support|the customer|the team|the owner|the previous answer|the question|both options|the last value'.split(
    '|',
  );
const tails = [
  '.',
  ' only.',
  ' in one sentence.',
  ' before you continue.',
  ' if anything is unclear.',
  ' per request.',
  ' and nothing else.',
  ' when you are done.',
  ' with care.',
  ' as plain text.',
  ' again.',
];
const openers = ['', '', '', 'Please ', 'Then ', 'Now ', 'First, ', 'Finally, ', 'Always ', 'Never '];

// The pleasantries around a request; several open with a word that is also a given name.
const pleasantries = [
  'Hope you had a good weekend.',
  'Hope all is well on your side.',
  'Hope the trip went smoothly.',
  'Thanks again for the quick turnaround.',
  'Looking forward to your reply.',
  'Let me know if anything else is needed.',
  'Have a great week.',
  'Glad to hear the launch went well.',
  'Sorry for the late reply.',
  'Happy to help with the next one.',
];

/** An instruction of one to three sentences: "Use calc per step. Answer with the total only." */
function instruction(random: () => number): string {
  const sentences: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let index = 0; index < count; index++) {
    const opener = pick(openers, random);
    const verb = pick(verbs, random);
    const link = random() < 0.3 ? ' with ' : random() < 0.2 ? ' that ' : ' ';
    const sentence = `${opener}${verb}${link}${pick(objects, random)}${pick(tails, random)}`;
    sentences.push(sentence.charAt(0).toUpperCase() + sentence.slice(1));
  }
  return sentences.join(random() < 0.15 ? '\n' : ' ');
}

/** One seeded sentence without any person. */
export function negativeSentence(random: () => number): LabelledText {
  const roll = random();
  const text =
    roll < 0.35
      ? instruction(random)
      : roll < 0.45
        ? `${pick(pleasantries, random)} ${instruction(random)}`
        : pick(makers, random)(random);
  return { text, spans: [] };
}

/** The README.md of every installed package (node_modules/<name> and node_modules/@scope/<name>), sorted. */
function packageReadmes(root: string): string[] {
  const modules = path.join(root, 'node_modules');
  const packageDirectories = readdirSync(modules)
    .sort()
    .flatMap((name) =>
      name.startsWith('@')
        ? readdirSync(path.join(modules, name))
            .sort()
            .map((inner) => path.join(modules, name, inner))
        : [path.join(modules, name)],
    );
  return packageDirectories.flatMap((directory) => {
    let entries: string[];
    try {
      entries = readdirSync(directory);
    } catch {
      return [];
    }
    const readme = entries.find((entry) => entry.toLowerCase() === 'readme.md');
    return readme === undefined ? [] : [readFileSync(path.join(directory, readme), 'utf8')];
  });
}

/** Markdown reduced to paragraphs of plain prose: code, tables, headings, HTML and link targets removed. */
function proseParagraphs(markdown: string): string[] {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, '\n\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/`[^`\n]*`/g, ' CODE ')
    .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1');
  return plain
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .filter((line) => !/^\s*(#|\||>|[-*+] |\d+\. |={3,}|-{3,})/.test(line))
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((paragraph) => paragraph !== '');
}

// A sentence whose only capital letter opens it: plain words (commas allowed) ending in a full stop.
const plainSentence = /^\p{Lu}\p{Ll}+,?(?: \p{Ll}[\p{Ll}'-]*[,;]?){3,24}[.!?]$/u;

/**
 * Ordinary English sentences without people, from the README prose of the installed packages
 * (package-lock.json pins which): documentation is full of imperatives and instructions ("Note that
 * ...", "Install it with ...") that open with a capitalised common word. Only sentences with no
 * capital letter after the first are kept, so no person's name can be inside one; the opening word
 * must also occur in lower case inside other sentences at least three times (so "Use" and "Answer"
 * qualify and a person's name opening a sentence does not).
 */
export function documentationSentences(root: string): string[] {
  const candidates = new Set<string>();
  for (const readme of packageReadmes(root)) {
    for (const paragraph of proseParagraphs(readme)) {
      for (const sentence of paragraph.split(/(?<=[.!?])\s+(?=\p{Lu})/u)) {
        if (plainSentence.test(sentence) && !sentence.includes('CODE')) candidates.add(sentence);
      }
    }
  }
  const lowerCounts = new Map<string, number>();
  for (const sentence of candidates) {
    for (const word of sentence.split(' ').slice(1)) {
      const bare = word.replace(/[,;.!?]$/, '');
      lowerCounts.set(bare, (lowerCounts.get(bare) ?? 0) + 1);
    }
  }
  return [...candidates].filter((sentence) => {
    const opening = (sentence.split(' ')[0] ?? '').replace(/,$/, '').toLowerCase();
    return (lowerCounts.get(opening) ?? 0) >= 3;
  });
}

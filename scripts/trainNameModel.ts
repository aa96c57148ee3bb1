// Trains the name recogniser and writes models/ner/nameTagger.json and models/ner/manifest.json.
//   npm run models:train-names [-- --data ../shared/data/redaction --epochs 12 --bucket-bits 17 --seed 15]
// Deterministic: the same data and options write the same files (about 3 minutes on 2 cores).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { trainNameModel } from '../electron/lab/redaction/trainNameModel.ts';

const root = path.join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.join(root, '..', 'shared', 'data', 'redaction') },
    epochs: { type: 'string', default: '12' },
    'bucket-bits': { type: 'string', default: '17' },
    seed: { type: 'string', default: '15' },
    out: { type: 'string', default: path.join(root, 'models', 'ner') },
  },
});
const { model, manifest } = trainNameModel({
  trainFile: path.join(values.data, 'conll2003-train.jsonl'),
  validFile: path.join(values.data, 'conll2003-valid.jsonl'),
  epochs: Number(values.epochs),
  bucketBits: Number(values['bucket-bits']),
  seed: Number(values.seed),
  log: (line) => console.log(line),
});
writeFileSync(path.join(values.out, 'nameTagger.json'), `${JSON.stringify(model)}\n`);
writeFileSync(path.join(values.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(JSON.stringify(manifest.valid), `chosen ${JSON.stringify(manifest.chosen)}`);

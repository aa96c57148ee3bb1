import { spawn } from 'node:child_process';
import { link, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { createFolderTools } from '#core/agent/tools/createFolderTools.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';

const insideText = 'inside: the invoice total is 1124 EUR\n';
const outsideText = 'OUTSIDE: password hunter2, paid 999 EUR\n';

async function makeGrant() {
  const base = await mkdtemp(path.join(os.tmpdir(), 'atropos-race-'));
  const granted = path.join(base, 'granted');
  const outside = path.join(base, 'outside');
  await mkdir(path.join(granted, 'sub'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(granted, 'inside.txt'), insideText);
  await writeFile(path.join(granted, 'sub', 'note.txt'), insideText);
  await writeFile(path.join(outside, 'secret.txt'), outsideText);
  await writeFile(path.join(outside, 'note.txt'), outsideText);
  return { granted, outside };
}

// Real second processes that swap, as fast as they can, what a path inside the grant leads to.
// A final symlink: a new link renamed over the old one (the name always exists).
const swapLinkScript = `
  const fs = require('node:fs');
  const [name, inside, outside] = process.argv.slice(1);
  let swaps = 0;
  const step = () => {
    const temporary = name + '.' + (swaps % 2);
    try { fs.unlinkSync(temporary); } catch {}
    fs.symlinkSync(swaps % 2 ? outside : inside, temporary);
    fs.renameSync(temporary, name);
    swaps++;
  };`;
// A real folder on the path (the checked path has no symlink) replaced by a symlink to outside
// and back: the race the realpath-then-open order lost (17 of 3 000 reads before the fix).
const swapFolderScript = `
  const fs = require('node:fs');
  const [name, outside] = process.argv.slice(1);
  const real = name + '.real', link = name + '.link';
  fs.symlinkSync(outside, link);
  let swaps = 0;
  const step = () => {
    fs.renameSync(name, real); fs.renameSync(link, name);
    fs.renameSync(name, link); fs.renameSync(real, name);
    swaps += 2;
  };`;

function startSwapper(script: string, ...args: string[]) {
  const loop = `${script}
    let stop = false;
    process.stdin.on('data', () => { stop = true; });
    console.log('swapping');
    const loop = () => {
      for (let i = 0; i < 100; i++) step();
      if (stop) { console.log(String(swaps)); process.exit(0); } else setImmediate(loop);
    };
    loop();`;
  const child = spawn(process.execPath, ['-e', loop, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    started: lines.next(),
    async stop(): Promise<number> {
      child.stdin.write('stop\n');
      return Number((await lines.next()).value);
    },
  };
}

async function raceReads(reads: number, readOnce: () => unknown) {
  const counts = { inside: 0, outside: 0, refused: 0 };
  for (let index = 0; index < reads; index += 1) {
    const result = String(await readOnce());
    if (result.includes('OUTSIDE')) counts.outside += 1;
    else if (result.includes('inside:')) counts.inside += 1;
    else counts.refused += 1;
  }
  return counts;
}

describe('folder tools against a symlink swapped while they read', () => {
  it('never returns the outside file through a swapped file link (3 000 reads)', async () => {
    const { granted, outside } = await makeGrant();
    const tools = createToolRegistry(createFolderTools({ roots: [granted] }));
    const swapLink = path.join(granted, 'swap.txt');
    await symlink(path.join(granted, 'inside.txt'), swapLink);
    const swapper = startSwapper(
      swapLinkScript,
      swapLink,
      path.join(granted, 'inside.txt'),
      path.join(outside, 'secret.txt'),
    );
    await swapper.started;
    const counts = await raceReads(3_000, () => tools.call('read_file', { path: 'swap.txt' }));
    const swaps = await swapper.stop();
    console.log(`file link: ${JSON.stringify(counts)} over ${swaps} swaps`);
    expect(counts.outside).toBe(0);
    // The race was real: the link pointed inside for some reads and outside for others.
    expect(counts.inside).toBeGreaterThan(0);
    expect(counts.refused).toBeGreaterThan(0);
  }, 60_000);

  it('never returns the outside file when a folder on the path becomes a symlink (3 000 reads, 500 searches)', async () => {
    const { granted, outside } = await makeGrant();
    const tools = createToolRegistry(createFolderTools({ roots: [granted] }));
    const swapper = startSwapper(swapFolderScript, path.join(granted, 'sub'), outside);
    await swapper.started;
    const reads = await raceReads(3_000, () => tools.call('read_file', { path: 'sub/note.txt' }));
    const searches = await raceReads(500, async () => {
      const found = await tools.call('search_files', { query: 'EUR', path: 'sub' });
      return Array.isArray(found) ? found.join('\n') : found;
    });
    const swaps = await swapper.stop();
    console.log(
      `folder swap: reads ${JSON.stringify(reads)}, searches ${JSON.stringify(searches)} over ${swaps} swaps`,
    );
    expect(reads.outside).toBe(0);
    expect(searches.outside).toBe(0);
    // The race was real: the path led inside for some reads and was refused for others.
    expect(reads.inside).toBeGreaterThan(0);
    expect(reads.refused).toBeGreaterThan(0);
  }, 60_000);
});

describe('folder tools and hard links', () => {
  it('refuses a hard link inside the grant to an outside file, with the reason, and the search passes it over', async () => {
    const { granted, outside } = await makeGrant();
    await link(path.join(outside, 'secret.txt'), path.join(granted, 'linked.txt'));
    const tools = createToolRegistry(createFolderTools({ roots: [granted] }));
    expect(await tools.call('read_file', { path: 'linked.txt' })).toBe(
      'error: linked.txt has 2 hard links; only files with one link are read, since another link may lie outside the granted folders',
    );
    expect(await tools.call('search_files', { query: 'hunter2' })).toBe('no line contains "hunter2"');
    expect(await tools.call('read_file', { path: 'inside.txt' })).toBe(insideText);
  });
});

import type { ThreadDetail, ThreadExport } from '#shared/ipc/Thread.ts';

/** A file name from the thread's title: letters, digits and dashes only. */
function fileStem(thread: ThreadDetail): string {
  const stem = thread.title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem === '' ? 'thread' : stem;
}

function answerOf(turn: ThreadDetail['turns'][number]): string {
  if (turn.answer !== null && turn.answer !== '') return turn.answer;
  return turn.status === null || turn.status === 'running' ? '_(still running)_' : `_(no answer: ${turn.status})_`;
}

/**
 * A thread written out as Markdown (the questions and answers, for reading) or JSON (every turn with
 * its task id, status and cost, for tools). `now` dates the export.
 */
export function exportThread(thread: ThreadDetail, format: 'markdown' | 'json', now: number): ThreadExport {
  if (format === 'json') {
    const content = JSON.stringify(
      {
        id: thread.id,
        title: thread.title,
        createdAt: new Date(thread.createdAt).toISOString(),
        exportedAt: new Date(now).toISOString(),
        turns: thread.turns.map((turn) => ({
          prompt: turn.prompt,
          answer: turn.answer,
          status: turn.status,
          taskId: turn.taskId,
          costUsd: turn.costUsd,
          createdAt: new Date(turn.createdAt).toISOString(),
        })),
      },
      null,
      2,
    );
    return { fileName: `${fileStem(thread)}.json`, mimeType: 'application/json', content: `${content}\n` };
  }
  const lines = [`# ${thread.title}`, '', `_Exported ${new Date(now).toISOString()}_`, ''];
  for (const turn of thread.turns) lines.push('## You', '', turn.prompt, '', '## Atropos', '', answerOf(turn), '');
  return { fileName: `${fileStem(thread)}.md`, mimeType: 'text/markdown', content: lines.join('\n') };
}

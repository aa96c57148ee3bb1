// History's task list clamps a long prompt to three lines with a "Show all" button (the full text stays
// in the cell's title and the open button's name); a short prompt is shown as it is. Rendered with
// React's server renderer.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TaskSummary } from '#shared/domain.ts';
import { clampedPromptLength, TaskTable } from '../../renderer/src/components/TaskTable.tsx';

function task(id: string, prompt: string): TaskSummary {
  return {
    id,
    profileId: 'p',
    prompt,
    status: 'succeeded',
    answer: '42',
    pathCount: 3,
    stepCount: 12,
    costUsd: 0,
    createdAt: 0,
    finishedAt: 1,
    isEscalated: false,
  };
}

function rowsOf(markup: string): string[] {
  return markup.split('<tr>').slice(2);
}

describe('TaskTable prompts', () => {
  const long = `Summarise this: ${'the quick brown fox jumps over the lazy dog '.repeat(8)}`;
  const markup = renderToStaticMarkup(
    createElement(TaskTable, {
      tasks: [task('a', 'What is 12+30?'), task('b', long)],
      caption: 'Tasks',
      onOpen: () => {},
    }),
  );

  it('clamps a long prompt and offers to show it all, keeping the whole text', () => {
    expect(long.length).toBeGreaterThan(clampedPromptLength);
    const [, longRow] = rowsOf(markup);
    expect(longRow).toContain('prompt-clamped');
    expect(longRow).toMatch(/<button type="button" class="prompt-toggle" aria-expanded="false">Show all<\/button>/);
    expect(longRow).toContain(`title="${long}"`);
    expect(longRow).toContain(`>${long}</button>`);
  });

  it('shows a short prompt as it is, without a toggle', () => {
    const [shortRow] = rowsOf(markup);
    expect(shortRow).toContain('What is 12+30?');
    expect(shortRow).not.toContain('prompt-clamped');
    expect(shortRow).not.toContain('Show all');
  });
});

import type { Transcript } from '#core/llm/chat/Transcript.ts';
import type { Clock } from '#core/ports.ts';
import { entityTypes } from '#core/privacy/entityTypes.ts';
import { Redactor, type RedactorOptions } from '#core/privacy/Redactor.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';
import { runLimited } from '#core/agent/runLimited.ts';
import type { BenchCloud } from '#lab/world/createBenchCloud.ts';

/** Options of {@link benchRedactionCost}. */
export type BenchRedactionCostOptions = {
  /** Builds the "cloud" (the target behind the real egress path) with the given redaction choices. */
  readonly cloud: (redaction: RedactorOptions) => BenchCloud;
  readonly tasks: number;
  /** Task seed, apart from the training seeds. Defaults to 9_000_001 (the bench world's). */
  readonly seed?: number;
  /** Defaults to 0.7, as the bench world. */
  readonly temperature?: number;
  /** Defaults to 256. */
  readonly maxTokens?: number;
  /** Tasks at once. Defaults to 2. */
  readonly concurrency?: number;
  readonly clock: Clock;
  readonly onProgress?: (done: number, total: number) => void;
};

/** One condition's outcome over the tasks. */
export type ConditionResult = {
  readonly name: string;
  readonly success: number;
  readonly tasks: number;
  /** Placeholders the prompts carried on average (0 without redaction). */
  readonly placeholdersPerPrompt: number;
};

const people = [
  ['Anna Schmidt', 'anna.schmidt@example.com'],
  ['María José García', 'mj.garcia@correo.example.es'],
  ['John Smith', 'john.smith@example.org'],
  ['Nguyễn Văn An', 'an.nguyen@example.vn'],
  ['Olusegun Adeyemi', 'o.adeyemi@example.ng'],
  ['Chen Wei', 'chen.wei@example.cn'],
  ['Siobhán Ní Bhriain', 'siobhan.nibhriain@example.ie'],
  ['Priya Raghunathan', 'priya.r@example.in'],
] as const;

/** The question as someone would send it with their name or address in it. */
function named(task: WorldTask, index: number): string {
  const [name, email] = people[index % people.length] ?? people[0];
  switch (index % 4) {
    case 0:
      return `${name} asks: ${task.question}`;
    case 1:
      return `Question from ${email}: ${task.question}`;
    case 2:
      return `${task.question} Please reply to ${name} at ${email}.`;
    default:
      return `Hi, this is ${name}. ${task.question}`;
  }
}

const allOff: RedactorOptions = { types: Object.fromEntries(entityTypes.map((type) => [type, false])) };
/** The rule detectors without the learned name recogniser (its own cost shows in the default row). */
const rulesOnly: RedactorOptions = { detectNames: () => [] };

/**
 * What redaction costs the answer (issue 15, point 5): held-out world tasks escalated to the
 * target from the start, through the engine's escalation (redaction, vault, restore), the plain
 * question and the question naming a person or an e-mail, each sent as it is (every type off),
 * redacted by the rule detectors, and redacted by the default choices (rules and the learned name
 * recogniser): the cloud sees placeholders, the answer is restored. One path per task and condition,
 * the same seed in every condition.
 */
export async function benchRedactionCost(options: BenchRedactionCostOptions): Promise<ConditionResult[]> {
  const tasks = generateWorldTasks({ seed: options.seed ?? 9_000_001, count: options.tasks });
  const plain = (task: WorldTask) => task.question;
  const conditions = [
    { name: 'plain question, not redacted', redaction: allOff, prompt: plain },
    { name: 'plain question, redacted (rules)', redaction: rulesOnly, prompt: plain },
    { name: 'plain question, redacted (rules + name recogniser)', redaction: {}, prompt: plain },
    { name: 'names/e-mail, not redacted', redaction: allOff, prompt: named },
    { name: 'names/e-mail, redacted (rules)', redaction: rulesOnly, prompt: named },
    { name: 'names/e-mail, redacted (rules + name recogniser)', redaction: {}, prompt: named },
  ];
  const results: ConditionResult[] = [];
  let done = 0;
  for (const condition of conditions) {
    const cloud = options.cloud(condition.redaction);
    const redactor = new Redactor(condition.redaction);
    try {
      const indexes = tasks.map((_, index) => index);
      const outcomes = await runLimited(indexes, options.concurrency ?? 2, async (index) => {
        const task = tasks[index] as WorldTask;
        const tools = createWorldTools();
        const prompt = condition.prompt(task, index);
        const transcript: Transcript = {
          tools: tools.definitions,
          messages: [
            { role: 'system', text: worldSystemPrompt },
            { role: 'user', text: prompt },
          ],
        };
        const escalation = cloud.escalationFor(`${task.id}#${condition.name}`, prompt);
        const result = await escalation.continueTranscript(transcript, {
          tools,
          stepBudget: task.stepBudget,
          seed: (options.seed ?? 9_000_001) + index,
          temperature: options.temperature ?? 0.7,
          maxTokens: options.maxTokens ?? 256,
          path: 0,
        });
        options.onProgress?.(++done, tasks.length * conditions.length);
        return { isSuccess: task.verify(result.answer), placeholders: redactor.redact(prompt).placeholders.length };
      });
      results.push({
        name: condition.name,
        success: outcomes.filter((outcome) => outcome.isSuccess).length / tasks.length,
        tasks: tasks.length,
        placeholdersPerPrompt: outcomes.reduce((sum, outcome) => sum + outcome.placeholders, 0) / tasks.length,
      });
    } finally {
      await cloud.dispose();
    }
  }
  return results;
}

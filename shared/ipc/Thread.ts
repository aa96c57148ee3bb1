import type { TaskStatus } from '../domain.ts';

/** A chat thread as the thread list shows it. */
export type ThreadSummary = {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  /** When its last turn was asked, or when it was renamed. */
  readonly updatedAt: number;
  readonly turnCount: number;
};

/** One question of a thread and the task that answered it. */
export type ThreadTurn = {
  readonly id: string;
  /** 0 for the thread's first turn. */
  readonly position: number;
  /** What the person wrote, without the earlier turns the engine added as context. */
  readonly prompt: string;
  /** The task that answered it (its paths, graph, checkpoint, cost and egress); null when it could not start. */
  readonly taskId: string | null;
  /** The task's status; null while its record does not exist yet (the model is loading). */
  readonly status: TaskStatus | null;
  readonly answer: string | null;
  readonly costUsd: number;
  readonly createdAt: number;
  /**
   * Earlier turns of the thread the turn's paths started with, as chat messages before its
   * question; null until its task has measured them (and for the first turn).
   */
  readonly carriedTurns: number | null;
  /**
   * Earlier turns left out because they did not fit the local model's context (the oldest go
   * first); null until measured. The turn says so when it is more than 0.
   */
  readonly leftOutTurns: number | null;
};

/** A thread with its turns in order. */
export type ThreadDetail = ThreadSummary & { readonly turns: readonly ThreadTurn[] };

/** A thread written out for saving: the renderer offers it as a download. */
export type ThreadExport = {
  readonly fileName: string;
  readonly mimeType: 'text/markdown' | 'application/json';
  readonly content: string;
};

/** What `thread:send` started. */
export type ThreadSendResult = {
  readonly threadId: string;
  readonly turnId: string;
  readonly taskId: string;
};

/** The cloud provider a chat's turns escalate to, as the chat header shows it. */
export type ChatCloud = {
  /** A saved provider's id, or null: the turns stay on this computer. */
  readonly providerId: string | null;
  /**
   * Where the choice comes from: the one kept for this thread, else the last one made in the chat,
   * else the profile's default provider.
   */
  readonly source: 'thread' | 'last-choice' | 'profile-default';
};

import { RedactionVault } from '#core/privacy/RedactionVault.ts';
import { Redactor, type RedactorOptions } from '#core/privacy/Redactor.ts';
import { restore, restoreJson, restoreTranscript } from '#core/privacy/restore.ts';
import type { CloudRedaction } from './createCloudEscalation.ts';

/**
 * One task's redaction for the egress gate: the profile's redactor with a vault shared by every
 * path of the task, so `[EMAIL_1]` means the same address in all of them. The vault never leaves
 * the machine. The redactor is built on first use from the profile's choices: a malformed stored
 * pattern fails the escalation (the task stays local, nothing is sent), not the task.
 */
export function createTaskRedaction(
  options: RedactorOptions = {},
  vault: RedactionVault = new RedactionVault(),
): CloudRedaction {
  let redactor: Redactor | null = null;
  const current = (): Redactor => (redactor ??= new Redactor(options));
  return {
    redactTranscript: (transcript) => {
      const { transcript: redacted, counts } = current().redactTranscript(transcript, vault);
      return { transcript: redacted, counts };
    },
    redactJson: (value) => current().redactJson(value, vault),
    restoreJson: (value) => restoreJson(value, vault),
    restoreTranscript: (transcript) => restoreTranscript(transcript, vault),
    restoreText: (text) => restore(text, vault),
    originalsIn: (text) =>
      Object.fromEntries(
        vault
          .entries()
          .filter((entry) => text.includes(entry.placeholder))
          .map((entry) => [entry.placeholder, entry.original]),
      ),
  };
}

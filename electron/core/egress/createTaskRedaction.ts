import { RedactionVault } from '#core/privacy/RedactionVault.ts';
import type { Redactor } from '#core/privacy/Redactor.ts';
import { restore, restoreJson, restoreTranscript } from '#core/privacy/restore.ts';
import type { CloudRedaction } from './createCloudEscalation.ts';

/**
 * One task's redaction for the egress gate: the profile's redactor with a vault shared by every
 * path of the task, so `[EMAIL_1]` means the same address in all of them. The vault never leaves
 * the machine.
 */
export function createTaskRedaction(redactor: Redactor, vault: RedactionVault = new RedactionVault()): CloudRedaction {
  return {
    redactTranscript: (transcript) => {
      const { transcript: redacted, counts } = redactor.redactTranscript(transcript, vault);
      return { transcript: redacted, counts };
    },
    redactJson: (value) => redactor.redactJson(value, vault),
    restoreJson: (value) => restoreJson(value, vault),
    restoreTranscript: (transcript) => restoreTranscript(transcript, vault),
    restoreText: (text) => restore(text, vault),
  };
}

/** The absolute path of the installed Electron executable, or null when it is not installed. */
export function electronExecutable(env?: NodeJS.ProcessEnv): string | null;

/** The few lines `npm start` and the tests print when there is no binary. */
export const missingElectronMessage: string;

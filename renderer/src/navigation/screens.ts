/** The id of a screen, which is also its hash route (`#/tasks`). */
export type ScreenId = 'chat' | 'tasks' | 'history' | 'models' | 'privacy' | 'budget' | 'predictor' | 'settings';

/** One entry of the left navigation. */
export type ScreenEntry = { readonly id: ScreenId; readonly name: string };

/** Every screen, in navigation order. The first is the default route. */
export const screens: readonly ScreenEntry[] = [
  { id: 'chat', name: 'Chat' },
  { id: 'tasks', name: 'Tasks' },
  { id: 'history', name: 'History' },
  { id: 'models', name: 'Models' },
  { id: 'privacy', name: 'Privacy' },
  { id: 'budget', name: 'Budget' },
  { id: 'predictor', name: 'Predictor' },
  { id: 'settings', name: 'Settings' },
];

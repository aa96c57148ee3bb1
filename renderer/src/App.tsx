import { useEffect, useState, type ReactNode } from 'react';
import { useActiveProfile } from './app/useActiveProfile.ts';
import { useThemeSetting } from './app/useThemeSetting.ts';
import { ConnectionBanner } from './components/ConnectionBanner.tsx';
import { EscalationPrompts } from './escalation/EscalationPrompts.tsx';
import { MissingTokenNotice } from './components/MissingTokenNotice.tsx';
import { ScreenErrorBoundary } from './components/ScreenErrorBoundary.tsx';
import { useBridge } from './ipc/useBridge.ts';
import { useConnectionState } from './ipc/useConnectionState.ts';
import { NavigationBar } from './navigation/NavigationBar.tsx';
import type { ScreenId } from './navigation/screens.ts';
import { useHashRoute } from './navigation/useHashRoute.ts';
import { BudgetScreen } from './screens/BudgetScreen.tsx';
import { ChatScreen } from './screens/ChatScreen.tsx';
import { HistoryScreen } from './screens/HistoryScreen.tsx';
import { ModelsScreen } from './screens/ModelsScreen.tsx';
import { PredictorScreen } from './screens/PredictorScreen.tsx';
import { PrivacyScreen } from './screens/PrivacyScreen.tsx';
import { SettingsScreen } from './screens/SettingsScreen.tsx';
import { TasksScreen } from './screens/TasksScreen.tsx';
import { TaskRunsContext } from './tasks/TaskRunsContext.ts';
import { TaskRunStore } from './tasks/TaskRunStore.ts';

/** The shell: header with the active profile, the connection banner, navigation and the screen. */
export function App() {
  const connection = useConnectionState();
  if (connection === 'missing-token') {
    return <MissingTokenNotice />;
  }
  return <TaskRuns />;
}

/** Keeps every task run of the page (and its escalation questions) above the screens, so navigating keeps them. */
function TaskRuns() {
  const bridge = useBridge();
  const [store] = useState(() => new TaskRunStore(bridge));
  const connection = useConnectionState();
  useEffect(() => store.connect(), [store]);
  // After a lost connection comes back, the questions asked meanwhile are fetched again.
  useEffect(() => {
    if (connection === 'connected') void store.refreshPrompts();
  }, [connection, store]);
  return (
    <TaskRunsContext value={store}>
      <Shell />
      <EscalationPrompts />
    </TaskRunsContext>
  );
}

function Shell() {
  const connection = useConnectionState();
  const screen = useHashRoute();
  const activeProfile = useActiveProfile();
  const theme = useThemeSetting();

  const screens: Record<ScreenId, () => ReactNode> = {
    chat: () => <ChatScreen />,
    tasks: () => <TasksScreen />,
    history: () => <HistoryScreen />,
    models: () => <ModelsScreen />,
    privacy: () => <PrivacyScreen />,
    budget: () => <BudgetScreen />,
    predictor: () => <PredictorScreen />,
    settings: () => <SettingsScreen onSettingsSaved={theme.adopt} onProfileSwitched={activeProfile.adopt} />,
  };

  return (
    <div className="app-shell">
      <header className="app-header">
        <span className="brand">Atropos Desktop</span>
        <span className="active-profile">
          <span className="secondary-text">Profile </span>
          <strong data-testid="active-profile">
            {activeProfile.profile?.name ?? (activeProfile.isPending ? '…' : 'unavailable')}
          </strong>
        </span>
      </header>
      <ConnectionBanner state={connection} />
      <div className="app-body">
        <NavigationBar activeScreen={screen} />
        {/* Keyed by the profile generation: switching profiles remounts the screen, so nothing
            of the previous profile's data or half-edited forms survives the switch. Every screen
            shows the active profile's data, so none renders before profile:list has answered. */}
        <main className="app-main" key={activeProfile.generation}>
          {activeProfile.isPending ? (
            <p className="loading screen" role="status">
              Connecting to Atropos…
            </p>
          ) : (
            <ScreenErrorBoundary key={screen}>{screens[screen]()}</ScreenErrorBoundary>
          )}
        </main>
      </div>
    </div>
  );
}

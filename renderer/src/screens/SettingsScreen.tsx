import type { Profile, Settings } from '#shared/domain.ts';
import { AsyncContent } from '../components/AsyncContent.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { useInvoke } from '../ipc/useInvoke.ts';
import { AboutSection } from './settings/AboutSection.tsx';
import { DefaultProviderSection } from './settings/DefaultProviderSection.tsx';
import { ProfilesSection } from './settings/ProfilesSection.tsx';
import { SettingsForm } from './settings/SettingsForm.tsx';

/** Props of SettingsScreen. */
export type SettingsScreenProps = {
  readonly onSettingsSaved: (settings: Settings) => void;
  readonly onProfileSwitched: (profile: Profile) => void;
};

/** App-wide preferences, the profiles of this workstation, and facts about the running app. */
export function SettingsScreen({ onSettingsSaved, onProfileSwitched }: SettingsScreenProps) {
  const settings = useInvoke('settings:get', {});
  return (
    <ScreenFrame title="Settings" description="Preferences apply to every profile on this workstation.">
      <div className="settings-layout">
        <AsyncContent state={settings} label="the settings">
          {(loaded) => <SettingsForm settings={loaded} onSaved={onSettingsSaved} />}
        </AsyncContent>
        <DefaultProviderSection />
        <ProfilesSection onSwitched={onProfileSwitched} />
        <AboutSection />
      </div>
    </ScreenFrame>
  );
}

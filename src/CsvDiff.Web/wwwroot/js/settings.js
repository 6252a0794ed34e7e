// @ts-check
// The viewer's saved settings (JSON written by .NET's ViewerSettings) and the theme they choose. The page shell applies
// the saved theme before .NET has started, so a dark page does not flash light while it loads.
const SETTINGS_KEY = 'csvdiff.settings.v1';

/** The saved settings' JSON, or null when there are none or storage is off. */
export function loadSettings() {
  try {
    return localStorage.getItem(SETTINGS_KEY);
  } catch {
    return null;
  }
}

export function saveSettings(json) {
  try {
    localStorage.setItem(SETTINGS_KEY, json);
  } catch {
    // Storage may be disabled (private windows); settings then last for the visit only.
  }
}

/** @param {string} theme 'light', 'dark', or anything else for the system's. */
export function applyTheme(theme) {
  if (theme === 'light' || theme === 'dark') {
    document.documentElement.dataset.theme = theme;
  } else {
    delete document.documentElement.dataset.theme;
  }
}

/** Applies the theme of the saved settings (the system's when none is saved or they do not read). */
export function applySavedTheme() {
  try {
    applyTheme(JSON.parse(loadSettings() ?? '{}')?.Theme ?? 'system');
  } catch {
    applyTheme('system');
  }
}

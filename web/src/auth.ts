// The API key lives in sessionStorage only (gone when the tab closes). `npm start` prints a URL with
// `#key=KEY`: the key is taken from the fragment (never sent to the server as part of a URL) and the
// fragment is removed from the address bar at once, so it does not stay in history or screenshots.

const STORAGE = 'marsad.apiKey';

export const takeKeyFromFragment = (): void => {
  const match = /(?:^#|&)key=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return;
  sessionStorage.setItem(STORAGE, decodeURIComponent(match[1]));
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
};

export const storedKey = (): string | null => sessionStorage.getItem(STORAGE);

export const storeKey = (key: string | null): void => {
  if (key) sessionStorage.setItem(STORAGE, key);
  else sessionStorage.removeItem(STORAGE);
};

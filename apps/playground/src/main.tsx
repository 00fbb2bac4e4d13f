import { render } from 'preact';
import { App } from './app';
import { parseState } from './state';
import './style.css';

render(<App initial={parseState(location.search)} />, document.getElementById('app')!);

// Offline once loaded: the service worker keeps the built files (see vite.config.ts).
// Not under the dev server (import.meta.hot), whose files change as they are edited.
if (!import.meta.hot && 'serviceWorker' in navigator && location.protocol !== 'file:') {
  addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // Without a service worker the page still works online.
    });
  });
}

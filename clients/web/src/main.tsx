import { render } from 'preact';
import { App } from './app';
import type { WebConfig } from './model/chat-store';
import './styles.css';

/** The page finds the stack's APIs in `/config.json` (served beside it). */
async function readConfig(): Promise<WebConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  const config = (await response.json()) as Partial<WebConfig>;
  if (typeof config.httpUrl !== 'string' || typeof config.wsUrl !== 'string') {
    throw new Error('config.json names no httpUrl and wsUrl');
  }
  return { httpUrl: config.httpUrl, wsUrl: config.wsUrl };
}

const root = document.getElementById('app') as HTMLElement;
readConfig().then(
  (config) => {
    root.textContent = '';
    render(<App config={config} />, root);
  },
  (error: Error) => {
    root.textContent = `The chat could not start: ${error.message}`;
  },
);

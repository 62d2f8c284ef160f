import { html } from 'htm/preact';
import { render } from 'preact';
import { App } from './app.js';

const root = document.getElementById('root');
if (root) render(html`<${App} />`, root);

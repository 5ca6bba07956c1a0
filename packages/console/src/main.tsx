import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadLang, storedLang } from './i18n';
import './styles.css';

const render = () =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
// A reader of English gets their pack before the first paint (zh-CN is in the bundle); if it
// cannot load, the console starts in Chinese rather than not at all.
loadLang(storedLang()).then(render, render);

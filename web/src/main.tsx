import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { takeKeyFromFragment } from './auth';
import { setupI18n } from './i18n';
import './styles.css';

takeKeyFromFragment();
void setupI18n().then(() => {
  const root = document.getElementById('root');
  if (root)
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
});

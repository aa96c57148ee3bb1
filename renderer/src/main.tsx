import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { BridgeContext } from './ipc/BridgeContext.ts';
import { createBridge } from './ipc/createBridge.ts';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/tables.css';
import './styles/forms.css';
import './styles/feedback.css';
import './styles/figures.css';
import './styles/tasks.css';
import './styles/chat.css';

const container = document.getElementById('root');
if (container === null) {
  throw new Error('index.html has no #root element.');
}

// One bridge for the page's lifetime: one WebSocket in the web host, whatever React re-renders.
const bridge = createBridge();

createRoot(container).render(
  <StrictMode>
    <BridgeContext value={bridge}>
      <App />
    </BridgeContext>
  </StrictMode>,
);

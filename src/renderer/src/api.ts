import { createApiClient, type CareCallBridge } from '../../shared/api/bridge';
import { createHttpBridge } from './transport/http-bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served by the browser host. */
    carecall?: CareCallBridge;
  }
}

const bridge: CareCallBridge = window.carecall ?? createHttpBridge(window.location, window.history, window.sessionStorage);

/** The renderer's only way to the core. It does not know, or care, which transport carries it. */
export const api = createApiClient(bridge);

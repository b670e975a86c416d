// Every renderer test starts with a stand-in for the preload's bridge, so that importing the app's modules never
// makes the browser host's HTTP bridge: that one opens an events socket to the page's address at once and keeps
// retrying on timers, which fired after a test file's environment was gone ("WebSocket is not defined", an
// unhandled error that failed the run). A test that talks to main installs its own bridge before the app's modules
// load, as before; one that does not and still calls main is told so.
import type { MediaDeskBridge } from '../../main/common/contract';

window.mediaDesk = {
  invoke: (method: string) => Promise.reject(new Error(`This test installed no bridge, yet the UI called main's ${method}.`)),
  on: () => () => undefined,
} as unknown as MediaDeskBridge;

// The WebSocket origin check (the stand-in for CSRF protection on /graphql's WebSockets), shared with
// the API through @taskboard/server-kit; Vite's dev server configuration loads it from here.
export { sameOrigin } from '@taskboard/server-kit';

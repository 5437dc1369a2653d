// The `ws` package ships no types and @types/ws is not a dependency. Tests and the benchmark only
// hand the constructor to @hocuspocus/provider (its WebSocketPolyfill option is untyped), so an
// opaque declaration is all they need.
declare module 'ws' {
  const WebSocket: unknown;
  export default WebSocket;
}

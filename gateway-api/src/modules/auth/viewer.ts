// Who is asking: the signed-in user and the session they are signed in with.
export interface Viewer {
  userId: number;
  sessionId: number;
}

// Whether the board on screen is live: changes that others save show up by themselves, or they will
// once the connection is back. A status, so a screen reader says when it changes.
import type { LiveStatus } from '../apollo/live';

const LABELS: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const DESCRIPTIONS: Record<LiveStatus, string> = {
  connecting: 'Connecting for live updates.',
  live: 'Changes made by others show up as they are saved.',
  reconnecting: 'The connection was lost. Reconnecting; missed changes will show up then.',
  offline: 'No connection. Changes made by others will show up once it is back.',
};

export function LiveIndicator({ status }: { status: LiveStatus }) {
  return (
    <p role="status" className={`live-indicator is-${status}`} title={DESCRIPTIONS[status]}>
      <span className="live-dot" aria-hidden="true" />
      <span className="visually-hidden">Live updates: </span>
      {LABELS[status]}
    </p>
  );
}

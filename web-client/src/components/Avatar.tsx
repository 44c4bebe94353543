// A person as a small round badge: their initials on a colour picked from their id, so that the same
// person looks the same on every screen and for every viewer. The palette is in styles.css
// (--avatar-0 … --avatar-7, each a light-dark() pair meeting WCAG AA with --avatar-text).
//
// The full name is the badge's accessible name and tooltip. Where the name is written right next to
// it, the badge is `decorative`: hidden from assistive technology, which then reads the name once.

/** How many colours the palette in styles.css has (.avatar-color-0 to .avatar-color-7). */
export const AVATAR_COLORS = 8;

/** One or two letters: the first letters of the first and last words that start with a letter. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  // "Ada Lovelace 2" is AL, not A2; a name of digits only keeps its first one
  const lettered = words.filter((word) => /^\p{L}/u.test(word));
  const chosen = lettered.length > 0 ? lettered : words;
  const first = chosen[0];
  if (first === undefined) return '?';
  const last = chosen.length > 1 ? chosen[chosen.length - 1] : undefined;
  // code points, not UTF-16 units: a letter outside the BMP stays whole
  return `${[...first][0]}${last ? [...last][0] : ''}`.toLocaleUpperCase();
}

/** The palette index for a user id: FNV-1a, so that the same id always gets the same colour. */
export function avatarColor(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % AVATAR_COLORS;
}

export type AvatarSize = 'small' | 'medium';

export function Avatar({
  user,
  size = 'medium',
  label,
  decorative = false,
  className,
}: {
  user: { id: string; name: string };
  size?: AvatarSize;
  /** what it says to assistive technology and in its tooltip, when more than the name ("Assigned to …") */
  label?: string;
  /** the name is written next to it: hidden from assistive technology, no tooltip */
  decorative?: boolean;
  className?: string;
}) {
  const classes = ['avatar', `avatar-${size}`, `avatar-color-${avatarColor(user.id)}`];
  if (className) classes.push(className);
  const text = initials(user.name);
  if (decorative) {
    return (
      <span className={classes.join(' ')} aria-hidden="true">
        {text}
      </span>
    );
  }
  const name = label ?? user.name;
  return (
    // an image's content is presentational: the letters are its picture, the full name its name
    <span className={classes.join(' ')} role="img" aria-label={name} title={name}>
      {text}
    </span>
  );
}

/**
 * Several people as overlapping badges, the first `max` of them (or `max - 1` and "+N" for the rest,
 * whose names are its tooltip and accessible name).
 */
export function AvatarStack({
  users,
  max = 4,
  label,
}: {
  users: readonly { id: string; name: string }[];
  max?: number;
  /** the group's accessible name, e.g. "3 members" */
  label: string;
}) {
  const shown = users.length > max ? users.slice(0, max - 1) : users;
  const rest = users.slice(shown.length);
  const restNames = rest.map((user) => user.name).join(', ');
  return (
    <span className="avatar-stack" role="group" aria-label={label}>
      {shown.map((user) => (
        <Avatar key={user.id} user={user} size="small" />
      ))}
      {rest.length > 0 && (
        <span
          className="avatar avatar-small avatar-more"
          role="img"
          aria-label={`and ${rest.length} more: ${restNames}`}
          title={restNames}
        >
          +{rest.length}
        </span>
      )}
    </span>
  );
}

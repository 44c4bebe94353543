// Loading placeholders in the shape of what is coming (board tiles, a board's columns, the task
// dialog's fields, comments), instead of a spinner: the page does not jump when the data arrives.
//
// For assistive technology each is one thing: a region marked aria-busy, holding a status whose only
// text is the visually hidden label ("Loading board…"); the shapes themselves are hidden from it.
// The shapes shimmer, unless the user prefers reduced motion (styles.css).
import type { ReactNode } from 'react';

function Skeleton({ label, className, children }: { label: string; className: string; children: ReactNode }) {
  return (
    <div className={`skeleton ${className}`} aria-busy="true">
      <p role="status" className="visually-hidden">
        {label}
      </p>
      <div className="skeleton-shapes" aria-hidden="true">
        {children}
      </div>
    </div>
  );
}

/** A grey bar or block; `width` as a CSS length (the text it stands for is about this long). */
function Bone({ width, className = '' }: { width?: string; className?: string }) {
  return <span className={`skeleton-bone ${className}`} style={width ? { width } : undefined} />;
}

const TILE_NAMES = ['60%', '75%', '45%', '70%', '55%', '65%'];

/** The boards list: tiles with a name, a count, members and a role. */
export function BoardTilesSkeleton({ label, tiles = 3 }: { label: string; tiles?: number }) {
  return (
    <Skeleton label={label} className="skeleton-tiles">
      {TILE_NAMES.slice(0, tiles).map((width, i) => (
        <span key={i} className="skeleton-tile">
          <Bone width={width} className="skeleton-heading" />
          <Bone width="35%" />
          <span className="skeleton-row">
            <span className="skeleton-avatars">
              <Bone className="skeleton-avatar" />
              <Bone className="skeleton-avatar" />
            </span>
            <Bone width="3.5rem" />
          </span>
        </span>
      ))}
    </Skeleton>
  );
}

const CARD_TITLES = [['85%', '60%', '75%'], ['70%', '90%'], ['65%']];

function CardBones({ titles }: { titles: string[] }) {
  return (
    <>
      {titles.map((width, i) => (
        <span key={i} className="skeleton-card">
          <Bone width={width} />
          <Bone width="40%" className="skeleton-small" />
        </span>
      ))}
    </>
  );
}

/** A board: its title, then columns of card placeholders beside a sidebar. */
export function BoardSkeleton({ label }: { label: string }) {
  return (
    <Skeleton label={label} className="skeleton-board">
      <Bone width="14rem" className="skeleton-title" />
      <span className="skeleton-board-layout">
        <span className="skeleton-columns">
          {CARD_TITLES.map((titles, i) => (
            <span key={i} className="skeleton-column">
              <Bone width="45%" className="skeleton-heading" />
              <Bone className="skeleton-field" />
              <CardBones titles={titles} />
            </span>
          ))}
        </span>
        <span className="skeleton-sidebar">
          <span className="skeleton-panel">
            <Bone width="30%" className="skeleton-heading" />
            <Bone className="skeleton-field" />
            <Bone className="skeleton-field" />
          </span>
          <span className="skeleton-panel">
            <Bone width="35%" className="skeleton-heading" />
            <Bone width="70%" />
            <Bone width="55%" />
          </span>
        </span>
      </span>
    </Skeleton>
  );
}

/** One column's cards, while that column's own query loads. */
export function ColumnSkeleton({ label }: { label: string }) {
  return (
    <Skeleton label={label} className="skeleton-column-cards">
      <CardBones titles={['80%', '60%']} />
    </Skeleton>
  );
}

/** The task dialog's form: labelled fields, the labels box and the buttons. */
export function TaskDialogSkeleton({ label }: { label: string }) {
  const field = (labelWidth: string, tall = false) => (
    <span className="skeleton-form-field">
      <Bone width={labelWidth} className="skeleton-small" />
      <Bone className={tall ? 'skeleton-field skeleton-tall' : 'skeleton-field'} />
    </span>
  );
  return (
    <Skeleton label={label} className="skeleton-dialog">
      {field('3rem')}
      {field('6rem', true)}
      <span className="skeleton-form-row">
        {field('4rem')}
        {field('5rem')}
        {field('5rem')}
      </span>
      <span className="skeleton-box">
        <Bone width="3.5rem" className="skeleton-small" />
        <Bone width="60%" />
      </span>
      <span className="skeleton-row">
        <Bone width="4.5rem" className="skeleton-button" />
        <Bone width="6.5rem" className="skeleton-button" />
      </span>
    </Skeleton>
  );
}

/** Comments: an author line and a few lines of text each. */
export function CommentsSkeleton({ label }: { label: string }) {
  return (
    <Skeleton label={label} className="skeleton-comments">
      {[['90%', '70%'], ['80%']].map((lines, i) => (
        <span key={i} className="skeleton-comment">
          <span className="skeleton-row">
            <Bone className="skeleton-avatar" />
            <Bone width="8rem" className="skeleton-small" />
          </span>
          {lines.map((width, j) => (
            <Bone key={j} width={width} />
          ))}
        </span>
      ))}
    </Skeleton>
  );
}

// Text written in Markdown (GitHub's flavour: lists, task lists, code, tables, links, strikethrough),
// shown rendered: task descriptions and comments. The renderer is a chunk of its own, loaded the
// first time some Markdown is shown, so the app's first load does not carry it. Until it arrives, or
// if it cannot be loaded, the text shows as written, its lines kept: never a blank or a spinner.
import { Component, lazy, Suspense, type ReactNode } from 'react';

const MarkdownRenderer = lazy(() => import('./MarkdownRenderer'));

/** Starts loading the renderer before any Markdown is shown (where some soon will be). */
export function preloadMarkdown(): void {
  void import('./MarkdownRenderer');
}

export function Markdown({
  text,
  className,
  headingLevel,
}: {
  text: string;
  className?: string;
  /** the heading level that `#` becomes: one below the heading of the section the text is in */
  headingLevel: number;
}) {
  const classes = className ? `markdown ${className}` : 'markdown';
  const plain = <div className={`${classes} is-plain`}>{text}</div>;
  return (
    <ShowOnError fallback={plain}>
      <Suspense fallback={plain}>
        <MarkdownRenderer text={text} className={classes} headingLevel={headingLevel} />
      </Suspense>
    </ShowOnError>
  );
}

/** The plain text when the renderer's chunk cannot be loaded (offline, or a deploy has replaced it). */
class ShowOnError extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

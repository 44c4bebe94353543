// The Markdown renderer behind components/Markdown.tsx, in a chunk of its own with react-markdown,
// remark-gfm and their parsers: loaded the first time some Markdown is shown, never with the app.
//
// Safe by construction, with nothing to sanitise afterwards:
// - no raw HTML: react-markdown shows HTML written in the text as text (rehype-raw is not used, on
//   purpose), so `<script>` or `<img onerror>` never become elements;
// - URLs go through react-markdown's defaultUrlTransform, which keeps http(s), mailto, irc(s), xmpp and
//   relative URLs only: a `javascript:` or `data:` link loses its URL and shows as plain text here;
// - images are not loaded: the CSP allows images from the app itself only, and a remote image would
//   tell its host who read the task and when. They show as links to the image instead.
import { memo, useId, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

const remarkPlugins = [remarkGfm];

interface LinkProps {
  href: string | undefined;
  children: ReactNode;
  // a footnote's reference and back reference: where they are, and what they are for
  id?: string;
  'aria-label'?: string;
}

function Link({ href, children, ...rest }: LinkProps) {
  // emptied by the URL transform (javascript:, data:, vbscript:...): the text alone, not a link
  if (!href) return <span>{children}</span>;
  if (!/^https?:\/\//i.test(href)) {
    return (
      <a href={href} rel="noopener noreferrer nofollow" {...rest}>
        {children}
      </a>
    );
  }
  // another site: a new tab, which gets no handle on this page and no referrer
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" {...rest}>
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}

/** `#` is a heading `level` levels below the page's; deeper ones follow, down to h6. */
function headings(level: number): Components {
  const heading = (depth: number): Components['h1'] =>
    // no id: remark-gfm gives its "Footnotes" heading the same one in every text
    function Heading({ children, className }) {
      const Tag = `h${Math.min(6, level + depth - 1)}` as 'h3';
      return <Tag className={className ?? `markdown-h${depth}`}>{children}</Tag>;
    };
  return { h1: heading(1), h2: heading(2), h3: heading(3), h4: heading(4), h5: heading(5), h6: heading(6) };
}

const shared: Components = {
  a: ({ href, children, id, 'aria-label': label }) => (
    <Link href={href} id={id} aria-label={label}>
      {children}
    </Link>
  ),
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? <Link href={src}>{alt || 'Image'}</Link> : <span>{alt}</span>,
  // long code lines and wide tables scroll on their own, not the dialog; from the keyboard too
  pre: ({ children }) => <pre tabIndex={0}>{children}</pre>,
  table: ({ children }) => (
    <div className="markdown-table" tabIndex={0}>
      <table>{children}</table>
    </div>
  ),
  // a task list's boxes show its state; they are not controls (editing the text changes them)
  input: ({ type, checked }) =>
    type === 'checkbox' ? (
      <input type="checkbox" checked={Boolean(checked)} disabled aria-label={checked ? 'Done' : 'Not done'} />
    ) : null,
};

const componentsByLevel = new Map<number, Components>();
function componentsFor(level: number): Components {
  let components = componentsByLevel.get(level);
  if (!components) {
    components = { ...shared, ...headings(level) };
    componentsByLevel.set(level, components);
  }
  return components;
}

export interface MarkdownRendererProps {
  text: string;
  className: string;
  /** the heading level that `#` becomes, below the headings around it */
  headingLevel: number;
}

function MarkdownRenderer({ text, className, headingLevel }: MarkdownRendererProps) {
  // footnote ids stay unique when several texts on a page have a [^1]
  const prefix = `${useId()}-`;
  return (
    <div className={className}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        remarkRehypeOptions={{ clobberPrefix: prefix }}
        components={componentsFor(headingLevel)}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}

export default memo(MarkdownRenderer);

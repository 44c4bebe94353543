import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';

/** Renders `text` and waits for the renderer (a lazily loaded chunk) to replace the plain text. */
async function rendered(text: string) {
  const { container } = render(<Markdown text={text} className="under-test" headingLevel={3} />);
  await waitForRenderer(container);
  return container.querySelector<HTMLElement>('.under-test')!;
}

async function waitForRenderer(container: HTMLElement) {
  await waitFor(() => expect(container.querySelector('.under-test.is-plain')).toBeNull());
}

describe('Markdown', () => {
  // first: the renderer's chunk has not been loaded in this file yet
  it('shows the text as written, lines kept, until the renderer has loaded', async () => {
    const { container } = render(<Markdown text={'- one\n- two'} className="under-test" headingLevel={3} />);
    const plain = container.querySelector('.under-test.is-plain');
    expect(plain?.textContent).toBe('- one\n- two');
    await waitForRenderer(container);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['one', 'two']);
  });

  it('renders lists, emphasis, strikethrough, inline code and code blocks', async () => {
    const view = within(
      await rendered(
        [
          'Some **bold**, _em_ and ~~gone~~ text with `npm test`.',
          '',
          '1. first',
          '2. second',
          '   - nested',
          '',
          '```ts',
          'const x = 1;',
          '```',
        ].join('\n'),
      ),
    );
    expect(view.getByText('bold').tagName).toBe('STRONG');
    expect(view.getByText('em').tagName).toBe('EM');
    expect(view.getByText('gone').tagName).toBe('DEL');
    expect(view.getByText('npm test').tagName).toBe('CODE');
    const [ordered] = view.getAllByRole('list');
    expect(ordered?.tagName).toBe('OL');
    expect(view.getByText('nested').closest('ul')).toBeTruthy();
    const block = view.getByText('const x = 1;');
    expect(block.tagName).toBe('CODE');
    expect(block.parentElement?.tagName).toBe('PRE');
    expect(block.parentElement?.tabIndex).toBe(0);
  });

  it('renders task lists with read-only boxes that say their state', async () => {
    const view = within(await rendered('- [x] write it\n- [ ] ship it'));
    const boxes = view.getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes.map((box) => [box.checked, box.disabled, box.getAttribute('aria-label')])).toEqual([
      [true, true, 'Done'],
      [false, true, 'Not done'],
    ]);
    expect(view.getAllByRole('listitem').map((item) => item.textContent?.trim())).toEqual(['write it', 'ship it']);
  });

  it('renders tables, in a box that scrolls on its own', async () => {
    const root = await rendered('| Name | Count |\n| :--- | ----: |\n| apples | 3 |');
    const table = within(root).getByRole('table');
    expect(table.parentElement?.className).toBe('markdown-table');
    // a scrolling box is reachable from the keyboard
    expect(table.parentElement?.tabIndex).toBe(0);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Name', 'Count']);
    expect(
      within(table)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['apples', '3']);
  });

  it('makes links safe: a new tab for other sites, with no opener, referrer or endorsement', async () => {
    const view = within(
      await rendered('See [the docs](https://example.com/docs), <https://example.org> and www.example.net.'),
    );
    const links = view.getAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com/docs',
      'https://example.org',
      'http://www.example.net',
    ]);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    }
    expect(view.getByRole('link', { name: 'the docs (opens in a new tab)' })).toBeTruthy();
  });

  it('does not link javascript:, vbscript: or data: URLs: their text stays, as text', async () => {
    const root = await rendered(
      '[click me](javascript:alert(1)) [and me](JaVaScRiPt:alert(1)) [vb](vbscript:msgbox) [data](data:text/html,<script>alert(1)</script>) <javascript:alert(2)>',
    );
    expect(within(root).queryAllByRole('link')).toEqual([]);
    expect(root.querySelector('[href]')).toBeNull();
    expect(root.textContent).toContain('click me');
    expect(root.textContent).toContain('and me');
  });

  it('shows raw HTML as text: no script, image, iframe or event handler becomes an element', async () => {
    const hostile = [
      '<script>window.hacked = true</script>',
      '',
      '<img src=x onerror="window.hacked = true">',
      '',
      'Inline <b onclick="window.hacked = true">bold</b> and <iframe src="https://example.com"></iframe>',
      '',
      '<div style="position:fixed;inset:0">cover</div>',
    ].join('\n');
    const root = await rendered(hostile);
    for (const tag of ['script', 'img', 'iframe', 'b', 'div[style]', '[onerror]', '[onclick]', '[style]'])
      expect(root.querySelector(tag), tag).toBeNull();
    expect(root.textContent).toContain('<script>window.hacked = true</script>');
    expect(root.textContent).toContain('<img src=x onerror="window.hacked = true">');
    expect((window as { hacked?: boolean }).hacked).toBeUndefined();
  });

  it('does not load images: each is a link to the image, named by its text', async () => {
    const root = await rendered('![a chart](https://example.com/chart.png) ![](https://example.com/x.png)');
    expect(root.querySelector('img')).toBeNull();
    const links = within(root).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['a chart (opens in a new tab)', 'https://example.com/chart.png'],
      ['Image (opens in a new tab)', 'https://example.com/x.png'],
    ]);
  });

  it('puts headings below the page’s: # becomes the given level', async () => {
    const view = within(await rendered('# Top\n\n## Next\n\n###### Deepest'));
    expect(view.getByRole('heading', { name: 'Top' }).tagName).toBe('H3');
    expect(view.getByRole('heading', { name: 'Next' }).tagName).toBe('H4');
    expect(view.getByRole('heading', { name: 'Deepest' }).tagName).toBe('H6');
  });
});

// Lets Monaco, and the Radix dialogs inside GraphiQL (their scroll lock), style themselves under
// `style-src 'self'`.
//
// They create <style> elements at run time and fill them with text or insertRule(): inline styles,
// which that policy blocks (with a console error each), leaving the editor without its theme.
// Monaco takes no CSP nonce, and a nonce would need per-response HTML from the server anyway.
// Constructable stylesheets (adoptedStyleSheets) are CSSOM, which CSP does not govern, so while the
// playground is mounted `document.createElement('style')` returns a stand-in element that keeps its
// CSS in such a sheet and adopts it into the document or shadow root it is attached to.

const TAG = 'playground-style';

/** A <style> stand-in: the same members Monaco and react-style-singleton use, no inline CSS. */
class AdoptedStyleElement extends HTMLElement {
  readonly sheet = new CSSStyleSheet();
  type = 'text/css';
  #media = '';
  #appliedText = '';
  #root: Document | ShadowRoot | undefined;
  readonly #observer = new MutationObserver(() => this.#sync());

  constructor() {
    super();
    // A shadow root without a <slot> keeps the CSS text itself from being rendered or read out.
    this.attachShadow({ mode: 'open' });
    this.#observer.observe(this, { childList: true, characterData: true, subtree: true });
  }

  get media(): string {
    return this.#media;
  }

  set media(value: string) {
    this.#media = value;
    this.sheet.media.mediaText = value;
  }

  override get textContent(): string {
    return super.textContent ?? '';
  }

  override set textContent(value: string | null) {
    super.textContent = value;
    this.#sync();
  }

  override get innerText(): string {
    return this.textContent;
  }

  override set innerText(value: string) {
    this.textContent = value;
  }

  connectedCallback() {
    this.#sync();
    const root = this.getRootNode();
    if (root instanceof Document || root instanceof ShadowRoot) {
      this.#root = root;
      if (!root.adoptedStyleSheets.includes(this.sheet))
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
    }
  }

  disconnectedCallback() {
    const root = this.#root;
    this.#root = undefined;
    if (root) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.sheet);
  }

  /** Text set by any route (textContent, innerText, appended text nodes) replaces the rules. */
  #sync() {
    const text = super.textContent ?? '';
    // Unchanged text must not wipe rules added since with insertRule().
    if (text === this.#appliedText) return;
    this.#appliedText = text;
    this.sheet.replaceSync(text);
  }
}

let users = 0;
let original: Document['createElement'] | undefined;

/** Starts handing out stand-ins for <style>; returns the function that stops it (reference-counted). */
export function installCspSafeStyles(): () => void {
  if (!customElements.get(TAG)) customElements.define(TAG, AdoptedStyleElement);
  if (users++ === 0) {
    const createElement = Document.prototype.createElement;
    original = createElement;
    Document.prototype.createElement = function (this: Document, tagName: string, options?: ElementCreationOptions) {
      return createElement.call(this, tagName.toLowerCase() === 'style' ? TAG : tagName, options);
    } as Document['createElement'];
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    if (--users === 0 && original) {
      Document.prototype.createElement = original;
      original = undefined;
    }
  };
}

// A label's colour swatch. Decorative: the label's name is always written next to it.
export function LabelDot({ color }: { color: string }) {
  // only colours the API can have stored (#rrggbb) reach the style attribute
  const safe = /^#[0-9a-f]{6}$/i.test(color) ? color : undefined;
  return <span className="label-dot" style={{ backgroundColor: safe }} aria-hidden="true" />;
}

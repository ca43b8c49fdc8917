/**
 * Tiny DOM builders for the controls of every webview (notebook renderer, previews, report): plain
 * HTML elements, styled by each webview's stylesheet with the --vscode-* theme variables (see
 * docs/renderer.md for why not a component library).
 */

/** A new element with attributes/properties and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

/** A labelled checkbox calling `onChange(checked)`. */
export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLLabelElement {
  const input = h('input', { type: 'checkbox', checked });
  input.addEventListener('change', () => onChange(input.checked));
  return h('label', { className: 'softness-check' }, input, ` ${label}`);
}

/** A labelled number input calling `onChange(value)` (NaN when empty). */
export function numberInput(label: string, value: number | null, step: number, onChange: (value: number) => void): HTMLLabelElement {
  const input = h('input', { type: 'number', step: String(step), value: value === null ? '' : String(value) });
  input.addEventListener('input', () => onChange(input.value === '' ? Number.NaN : Number(input.value)));
  return h('label', {}, `${label} `, input);
}
